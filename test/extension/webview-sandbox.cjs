// The search panel's real bundle (dist/webview/search.js) in headless Chromium, under the host's CSP,
// against a stand-in host that answers with a hostile pack: HTML in its title and description, a README
// with <script>, event handlers, a javascript: link, an iframe and a remote image. Nothing of it may run
// or load; every pack string must show as its characters. (scripts/vscode/run.sh runs this after setup,
// which installs Chromium; VS Code itself is not needed, the panel only talks through acquireVsCodeApi.)
//
//   node test/extension/webview-sandbox.cjs      last line: `webview tests: N passed, M failed`
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { openPage } = require('../../scripts/vscode/browser.cjs');

const DIST = path.resolve(__dirname, '../../dist/webview');
const ORIGIN = 'http://webview.test';
const NONCE = 'c2FuZGJveA==';

const TITLE = '<img src=x onerror="window.__pwned=1">Evil';
const DESCRIPTION = '<script>window.__pwned=2</script> does nothing';
const README = [
  '# Hostile README',
  '',
  '<script>window.__pwned=3</script>',
  '',
  '<img src=x onerror="window.__pwned=4">',
  '',
  '[click me](javascript:window.__pwned=5)',
  '',
  '<iframe src="https://example.com"></iframe>',
  '',
  '![remote](https://example.com/x.png)',
  '',
  '[a fine link](https://example.com/docs)',
].join('\n');

const summary = {
  name: 'evil-pack',
  version: '1.0.0',
  title: TITLE,
  description: DESCRIPTION,
  category: 'custom',
  tags: ['<b>tag</b>'],
  source: 'local',
  installed: true,
};

// The stand-in host: answers each request the way extension/panels/search-panel.ts would.
const host = `
window.__sent = [];
window.acquireVsCodeApi = () => ({
  postMessage(m) {
    window.__sent.push(m);
    const answers = {
      search: () => ({ query: m.params, rows: [{ ...${JSON.stringify(summary)}, relevance: 1, maturity: 42, level: 'Beta' }], total: 1,
        facets: { categories: ['custom'], tags: ['<b>tag</b>'] }, engineMs: 0.5, remoteConfigured: false }),
      details: () => ({ summary: ${JSON.stringify(summary)}, author: '<i>someone</i>', license: 'MIT', readme: ${JSON.stringify(README)},
        templates: ['<u>t</u>'], variables: [{ name: 'v', type: 'string', required: true, description: '<em>d</em>' }],
        dependencies: [], maturity: { total: 42, level: 'Beta' }, remoteOnly: false }),
      maturity: () => [],
      painted: () => null,
    };
    const answer = answers[m.method];
    setTimeout(() => window.postMessage(answer ? { kind: 'response', id: m.id, ok: true, result: answer() }
      : { kind: 'response', id: m.id, ok: false, error: { code: 'bad-request', message: 'unknown' } }, '*'));
  },
  getState: () => undefined,
  setState: () => {},
});`;

// The same policy extension/panels/webview-host.ts sets, with this test's origin as the webview's.
const CSP = [
  "default-src 'none'",
  `script-src 'nonce-${NONCE}'`,
  `style-src ${ORIGIN} 'nonce-${NONCE}'`,
  `font-src ${ORIGIN}`,
  `img-src ${ORIGIN} data:`,
].join('; ');
const html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="stylesheet" href="${ORIGIN}/codicon.css"><link rel="stylesheet" href="${ORIGIN}/search.css"></head>
<body data-panel="search" data-surface="editor"><main id="root"></main>
<script nonce="${NONCE}" src="${ORIGIN}/host.js"></script>
<script nonce="${NONCE}" src="${ORIGIN}/search.js"></script></body></html>`;

const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail });

(async () => {
  const { browser, page } = await openPage();
  const requests = [];
  const violations = [];
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  if (process.env.DEBUG) page.on('console', (m) => console.log('[console]', m.text()));
  if (process.env.DEBUG) page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url === `${ORIGIN}/`) return route.fulfill({ contentType: 'text/html', body: html });
    if (url === `${ORIGIN}/host.js`) return route.fulfill({ contentType: 'text/javascript', body: host });
    const file = url.startsWith(`${ORIGIN}/`) ? path.join(DIST, url.slice(ORIGIN.length + 1)) : null;
    if (file && fs.existsSync(file)) return route.fulfill({ path: file });
    return route.abort();
  });
  try {
    await page.goto(`${ORIGIN}/`);
    await page.locator('#results li').first().waitFor({ timeout: 30000 });
    check(
      'the row shows the description as its characters',
      (await page.locator('#results li .description').textContent()) === DESCRIPTION,
    );
    await page.locator('#results li').first().click();
    await page.locator('#details .readme h1').waitFor({ timeout: 30000 });
    check('the details title is the title’s characters', (await page.locator('#details-title').textContent()) === TITLE);
    check(
      'no element came from pack strings',
      (await page.locator('img[onerror], #details b, #details u, #details i, #details em').count()) === 0,
    );
    const readme = page.locator('#details .readme');
    check('the README heading is rendered', (await readme.locator('h1').textContent()) === 'Hostile README');
    check('the README has no script, iframe or event handler', (await readme.locator('script, iframe, [onerror]').count()) === 0);
    check('raw HTML in the README shows as text', ((await readme.textContent()) ?? '').includes('<script>window.__pwned=3</script>'));
    check('the javascript: link lost its target', (await readme.locator('a[href^="javascript"]').count()) === 0);
    check('an https link stays a link', (await readme.locator('a[href="https://example.com/docs"]').count()) === 1);
    check('nothing ran', (await page.evaluate(() => window.__pwned)) === undefined);
    const outside = requests.filter((u) => !u.startsWith(`${ORIGIN}/`));
    check('nothing was fetched from elsewhere (the remote image is blocked)', outside.length === 0, outside.join(', '));
    const sent = await page.evaluate(() => window.__sent.map((m) => m.method));
    check(
      'the panel asked search, then details, and reported its first paint',
      ['search', 'painted', 'details'].every((m) => sent.includes(m)),
      sent.join(','),
    );
    check(
      'the bundle itself needs nothing the policy forbids',
      violations.every((v) => /example\.com/.test(v)),
      violations.join(' | '),
    );
  } catch (e) {
    check('the page ran', false, String((e && e.message) || e).split('\n')[0]);
    await page
      .screenshot({ path: path.join(process.env.PACKS_TEST_ARTIFACTS || 'test-artifacts', 'failure-webview-sandbox.png') })
      .catch(() => {});
  }
  await browser.close();
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} - ${c.name}${c.ok || !c.detail ? '' : `: ${c.detail}`}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`webview tests: ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
