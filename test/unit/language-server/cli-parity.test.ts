/**
 * The editor and `ggen-pack lint` never disagree: for every golden fixture under
 * test/fixtures/packs, the issues the CLI prints (`--format json`) and the diagnostics the server
 * returns for each file those issues name are the same (code, line, column) — and match the
 * fixture's expected.json when it has one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT, startServer } from './lsp-client';

interface Key {
  code: string;
  file: string;
  line: number;
  column: number;
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'packs');
const fmt = (k: Key) => `${k.file}:${k.line}:${k.column} ${k.code}`;
const sorted = (ks: Key[]) => ks.map(fmt).sort();

test('server diagnostics equal `ggen-pack lint --format json` for every fixture', async () => {
  ensureBuilt();
  const home = mkdtempSync(join(tmpdir(), 'packs-'));
  const client = await startServer(home);
  const cases = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'pack.toml')) || existsSync(join(FIXTURES, d, 'pack.yaml')));
  assert.ok(cases.length >= 10, 'the golden fixtures are present');
  try {
    for (const c of cases) {
      const dir = join(FIXTURES, c);
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', dir, '--format', 'json'], { env: { ...process.env, GGEN_HOME: home }, encoding: 'utf8' });
      const envelope = JSON.parse(r.stdout) as { issues: { code: string; file: string | null; range: { start: { line: number; column: number } } | null }[] };
      const manifest = existsSync(join(dir, 'pack.toml')) ? join(dir, 'pack.toml') : join(dir, 'pack.yaml');
      const abs = (f: string | null) => (!f ? manifest : f.startsWith('/') ? f : join(dir, f));
      const cli: Key[] = envelope.issues.map((i) => ({ code: i.code, file: abs(i.file), line: i.range?.start.line ?? 1, column: i.range?.start.column ?? 1 }));
      const files = [...new Set([manifest, ...cli.map((k) => k.file)])].filter((f) => existsSync(f));
      const server: Key[] = [];
      for (const f of files) {
        await client.open(f);
        for (const d of await client.diagnostics(f)) {
          server.push({ code: String(d.code), file: f, line: d.range.start.line + 1, column: d.range.start.character + 1 });
        }
      }
      assert.deepEqual(sorted(server), sorted(cli.filter((k) => existsSync(k.file))), `fixture ${c}: server and CLI disagree`);
      const expectedFile = join(dir, 'expected.json');
      if (existsSync(expectedFile)) {
        const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
        const list: { code: string; line?: number; column?: number; range?: { start: { line: number; column: number } } | null }[] = Array.isArray(expected) ? expected : (expected.issues ?? []);
        const want = list.map((e) => `${e.code}:${e.line ?? e.range?.start.line ?? 1}:${e.column ?? e.range?.start.column ?? 1}`).sort();
        const got = server.map((k) => `${k.code}:${k.line}:${k.column}`).sort();
        assert.deepEqual(got, want, `fixture ${c}: server differs from expected.json`);
      }
    }
  } finally {
    await client.stop();
  }
});
