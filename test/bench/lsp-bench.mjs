// Language-server timings over stdio (the built dist/language-server.js, driven with the client
// side of vscode-languageserver-protocol): server start → first diagnostics; median warm didChange →
// diagnostics and didChange → completion on a generated 1,000-line pack.toml and on a pack with 100
// templates; and proof (packs/debugInfo) that validation and completion never load dist/sparql.js.
// Prints the numbers against the targets; exits 0 (numbers, not tests) unless the SPARQL check fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'dist/language-server.js');
const ITER = Number(process.env.BENCH_LSP_ITER ?? 30);
const work = mkdtempSync(join(tmpdir(), 'packs-lsp-bench-'));
const uri = (f) => pathToFileURL(f).href;
const median = (t) => {
  const s = [...t].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const refreshWaiters = [];
const now = () => Number(process.hrtime.bigint()) / 1e6;

function write(file, text) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

const HEAD = (name) => `[metadata]
name = "${name}"
version = "1.0.0"
title = "Bench pack"
description = "A generated pack for the language server benchmark"
category = "backend"
license = "MIT"
`;

/** A pack.toml of about 1,000 lines: 100 variables with validation plus examples. */
function bigManifestPack() {
  const dir = join(work, 'big');
  const lines = [HEAD('big-pack')];
  for (let i = 0; i < 100; i++) {
    lines.push(
      `[[variables]]\nname = "var_${i}"\ndescription = "Variable number ${i}"\ntype = "string"\ndefault = "value-${i}"\n\n[variables.validation]\nmin_length = 1\n`,
    );
  }
  let n = lines.join('\n').split('\n').length;
  for (let i = 0; n < 1000; i++, n += 6)
    lines.push(`[[examples]]\nname = "example_${i}"\ndescription = "Example ${i}"\nexpected_output = "files"\n`);
  write(join(dir, 'pack.toml'), lines.join('\n'));
  write(join(dir, 'README.md'), '# Bench\n');
  return dir;
}

/** A pack with 100 templates (one folder and file each) over 10 variables. */
function manyTemplatesPack() {
  const dir = join(work, 'templates');
  const parts = [HEAD('many-templates')];
  for (let i = 0; i < 10; i++) parts.push(`[[variables]]\nname = "v${i}"\ndescription = "Variable ${i}"\ntype = "string"\n`);
  for (let i = 0; i < 100; i++) {
    parts.push(`[[templates]]\nalias = "t${i}"\npriority = ${i}\n\n[templates.source]\ntype = "local"\npath = "templates/t${i}"\n`);
    write(join(dir, `templates/t${i}/file${i}.txt.mustache`), `Template ${i}: {{v${i % 10}}}\n{{#v1}}x{{/v1}}\n`.repeat(20));
  }
  write(join(dir, 'pack.toml'), parts.join('\n'));
  return dir;
}

async function start() {
  const t0 = now();
  const proc = spawn(process.execPath, [SERVER, '--stdio', '--debug-info'], {
    env: { ...process.env, GGEN_HOME: join(work, 'home') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshWaiters.splice(0).forEach((f) => f());
    return null;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  // Like VS Code: pull diagnostics with refresh support (the full lint follows the fast one after a pause).
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { diagnostics: { refreshSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  return { conn, proc, t0 };
}

async function measure(conn, file, text, completionAt) {
  let version = 1;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'toml', version, text } });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } });
  const diag = [];
  const comp = [];
  for (let i = 0; i < ITER + 2; i++) {
    // Each edit changes the text (a new description), so nothing is served from a stale cache.
    const edited = text.replace('A generated pack', `A generated pack (${i})`);
    let t = now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version: ++version },
      contentChanges: [{ text: edited }],
    });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } });
    if (i >= 2) diag.push(now() - t);
    const typed = edited + '\n[[variables]]\nty';
    t = now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version: ++version },
      contentChanges: [{ text: typed }],
    });
    const items = await conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(file) }, position: completionAt(typed) });
    if (i >= 2) comp.push(now() - t);
    if (!items.some((x) => x.label === 'type')) throw new Error('completion did not offer `type`');
  }
  // The full lint (every rule, template and query files too) lands after the typing pause via a refresh.
  const full = [];
  for (let i = 0; i < 5; i++) {
    const edited = text.replace('A generated pack', `A generated pack [${i}]`);
    const t = now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version: ++version },
      contentChanges: [{ text: edited }],
    });
    // A refresh queued by an earlier edit may arrive first: pull until the result is the full one.
    for (;;) {
      const refreshed = new Promise((r) => refreshWaiters.push(r));
      const r = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } });
      if (r.resultId.startsWith('full')) break;
      await refreshed;
    }
    full.push(now() - t);
  }
  return { diag: median(diag), comp: median(comp), full: median(full) };
}

const endOf = (text) => {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
};

if (!existsSync(SERVER)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
const big = bigManifestPack();
const many = manyTemplatesPack();
const results = [];
let sparqlLoaded = null;
try {
  // Start → first diagnostics (cold process, the 1,000-line manifest).
  const { conn, proc, t0 } = await start();
  const bigFile = join(big, 'pack.toml');
  const bigText = (await import('node:fs')).readFileSync(bigFile, 'utf8');
  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri(bigFile), languageId: 'toml', version: 1, text: bigText },
  });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(bigFile) } });
  results.push(['start → first diagnostics (1,000-line pack.toml)', now() - t0, 300]);
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(bigFile) } });

  const a = await measure(conn, bigFile, bigText, endOf);
  results.push(['didChange → diagnostics, 1,000-line pack.toml (median warm)', a.diag, 30]);
  results.push(['didChange → completion, 1,000-line pack.toml (median warm)', a.comp, 15]);
  results.push(['didChange → full lint via refresh, 1,000 lines (150 ms pause incl.)', a.full, null]);
  const manyFile = join(many, 'pack.toml');
  const b = await measure(conn, manyFile, (await import('node:fs')).readFileSync(manyFile, 'utf8'), endOf);
  results.push(['didChange → diagnostics, 100 templates (median warm)', b.diag, 30]);
  results.push(['didChange → completion, 100 templates (median warm)', b.comp, 15]);
  results.push(['didChange → full lint via refresh, 100 templates (150 ms pause incl.)', b.full, null]);
  sparqlLoaded = (await conn.sendRequest('packs/debugInfo', {})).sparqlLoaded;
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}

console.log('\nLanguage server (median of %d warm iterations)', ITER);
for (const [name, ms, target] of results) {
  const verdict = target === null ? '(informational)' : `target < ${target} ms ${ms < target ? 'ok' : 'MISSED'}`;
  console.log(`  ${name.padEnd(70)} ${ms.toFixed(1).padStart(8)} ms   ${verdict}`);
}
console.log(`  SPARQL engine (dist/sparql.js) loaded by validation/completion: ${sparqlLoaded ? 'YES (regression)' : 'no'}`);
if (sparqlLoaded !== false) process.exitCode = 1;
