// Runs the extension's integration tests (extensionDevelopmentPath + extensionTestsPath) inside
// code-server's Node extension host, driven by headless chromium (playwright-core, /usr/bin/chromium).
//
// The web workbench reads ?payload=[["extensionDevelopmentPath",URI],["extensionTestsPath",URI]] from its
// URL (how VS Code opens an "Extension Development Host" in the browser) when the server runs with
// --vscode-option enable-smoke-test-driver (start-code-server.sh with EXT_TESTS_MODE=1). With
// vscode-remote:// URIs the tests run in the server-side Node extension host; code-server's remote
// authority is the literal "remote". The extension host starts when a browser connects; its console
// output arrives in window.codeAutomationLog(level, args) (forwarded to stdout here) and, once run()
// settles, the workbench calls window.codeAutomationExit(code).
//
// usage: node run-ext-tests.cjs --url http://127.0.0.1:PORT --ext /abs/ext --tests /abs/tests.js
//          [--folder /abs/workspace] [--timeout 300] [--shot /abs/file.png] [--env '{"NAME":"value"}'] [--verbose]
// --timeout is a hang guard only. Environment for the extension host: export it before starting
// code-server (it is inherited), or pass --env (the payload's extensionEnvironment).
// exit code: the extension host's (0 = run() resolved), 124 on timeout, 2 on usage error, 3 on driver error
'use strict';
const { openPage } = require('./browser.cjs');
const util = require('node:util');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : def;
}
const base = arg('url', 'http://127.0.0.1:8080').replace(/\/$/, '');
const extDir = arg('ext');
const testsPath = arg('tests');
const folder = arg('folder');
const timeoutS = Number(arg('timeout', '300'));
const shot = arg('shot');
const envJson = arg('env');
const verbose = process.argv.includes('--verbose');
const authority = arg('authority', 'remote');
// Workbench chatter that is not test output (shown with --verbose); offline, the gallery and GitHub auth fail.
const NOISE =
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin|Started local extension host|\[Extension Host\])|^(Creation of workbench contribution|getaddrinfo ENOTFOUND open-vsx\.org|Timed out waiting for authentication provider 'github')/;
if (!extDir || !testsPath) {
  console.error('usage: run-ext-tests.cjs --url URL --ext /abs/ext --tests /abs/tests.js [--folder DIR] [--timeout S] [--shot PNG]');
  process.exit(2);
}

const remote = (p) => `vscode-remote://${authority}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(extDir)],
  ['extensionTestsPath', remote(testsPath)],
];
if (envJson) payload.push(['extensionEnvironment', envJson]);
const q = new URLSearchParams();
if (folder) q.set('folder', folder);
else q.set('ew', 'true');
q.set('payload', JSON.stringify(payload));
const url = `${base}/?${q}`;

(async () => {
  const t0 = Date.now();
  const { browser, page } = await openPage();
  let settle;
  const exited = new Promise((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    // Extension-host console.* calls arrive as the raw argument array (printf-style).
    const text = Array.isArray(args) ? util.format(...args) : String(args);
    if (verbose || !NOISE.test(text)) console.log(level === 'info' || level === 'log' ? text : `[${level}] ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('crash', () => settle('crash'));
  console.log('opening', decodeURIComponent(url));
  await page.goto(url);
  let timer;
  const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutS * 1000)));
  const code = await Promise.race([exited, hang]);
  clearTimeout(timer);
  if (shot) await page.screenshot({ path: shot }).catch(() => {});
  await browser.close();
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (code === 'timeout') {
    console.error(`extension tests did not finish within ${timeoutS}s (hang guard)`);
    process.exit(124);
  }
  if (code === 'crash') {
    console.error('the workbench page crashed');
    process.exit(3);
  }
  console.log(`extension host exited with code ${code} after ${secs}s`);
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(3);
});
