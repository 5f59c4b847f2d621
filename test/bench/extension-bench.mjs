// `npm run bench`, extension part: activation and command → preview measured inside a real VS Code
// (scripts/vscode/run.sh with dist/test/extension-bench.js as the tests), and the .vsix size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const art = mkdtempSync(join(tmpdir(), 'packs-ext-bench-'));
const r = spawnSync('bash', [join(ROOT, 'scripts/vscode/run.sh')], {
  cwd: ROOT,
  env: {
    ...process.env,
    TESTS: join(ROOT, 'dist/test/extension-bench.js'),
    PACKS_VSCODE_ONLY: 'integration',
    PACKS_SKIP_BUILD: '1',
    PACKS_TEST_ARTIFACTS: art,
  },
  encoding: 'utf8',
});
let m = null;
try {
  m = JSON.parse(readFileSync(join(art, 'extension-bench.json'), 'utf8'));
} catch {
  console.error(`the extension benchmark did not run:\n${(r.stdout ?? '').split('\n').slice(-15).join('\n')}`);
}
const vsix = join(art, 'packs.vsix');
const p = spawnSync(process.execPath, [join(ROOT, 'scripts/vscode/package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
const size = p.status === 0 ? statSync(vsix).size / 1024 / 1024 : null;
const row = (name, value, target, unit, ok) => `| ${name} | ${value} | ${target} | ${ok} |`;
const lines = ['| extension (real VS Code 1.139, code-server) | value | target | |', '|---|---:|---:|---|'];
if (m) {
  lines.push(
    row(
      `activation (bundle evaluation ${m.loadMs.toFixed(0)} ms + activate())`,
      `${m.activationMs.toFixed(1)} ms`,
      '< 150 ms',
      'ms',
      m.activationMs < 150 ? 'ok' : 'SLOW',
    ),
  );
  lines.push(
    row('SPARQL engine loaded by activation', m.sparqlAfterActivation ? 'yes' : 'no', 'no', '', m.sparqlAfterActivation ? 'BAD' : 'ok'),
  );
  lines.push(
    row(
      `command → preview, 100-file pack (median of ${m.previewRuns.length})`,
      `${m.previewMs.toFixed(1)} ms`,
      '< 500 ms',
      'ms',
      m.previewMs < 500 ? 'ok' : 'SLOW',
    ),
  );
  for (const [panel, p] of Object.entries(m.firstPaint ?? {})) {
    lines.push(
      row(
        `command → ${panel} panel's first paint (median of ${p.runs.length - 1} after the first's ${p.firstMs.toFixed(0)} ms)`,
        `${p.medianMs.toFixed(1)} ms`,
        '< 300 ms',
        'ms',
        p.medianMs < 300 ? 'ok' : 'SLOW',
      ),
    );
  }
}
if (size !== null) lines.push(row('.vsix size', `${size.toFixed(2)} MB`, '< 5 MB', '', size < 5 ? 'ok' : 'BIG'));
console.log(lines.join('\n'));
rmSync(art, { recursive: true, force: true });
