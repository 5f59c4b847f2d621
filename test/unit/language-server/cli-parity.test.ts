/**
 * The editor and `ggen-pack lint` never disagree: for every golden fixture under
 * test/fixtures/packs, the issues the CLI prints (`--format json`) and the diagnostics the server
 * returns for each file those issues name are the same (code, range start and end, message) — and
 * match the fixture's expected.json when it has one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../../engine/lint';
import { type Client, ensureBuilt, ROOT, startServer } from './lsp-client';

const STORE_RULES = new Set(RULES.filter((r) => r.meta.needsStore).map((r) => `packs/${r.meta.id}`));

/** What server and CLI must agree on for one issue (1-based positions; a null range is the file's start). */
interface Key {
  code: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

interface Pos {
  line: number;
  column: number;
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'packs');
/** Without the file: the form expected.json is compared in. */
const where = (k: Omit<Key, 'file'>) => `${k.code}:${k.line}:${k.column}-${k.endLine}:${k.endColumn} ${k.message}`;
const fmt = (k: Key) => `${k.file}:${where(k)}`;
const sorted = (ks: Key[]) => ks.map(fmt).sort();

/** The catalog a case lints against: the one its lint-options.json names (registry rules), else an empty one. */
function catalogOf(dir: string, empty: string): string {
  const opt = join(dir, 'lint-options.json');
  const store = existsSync(opt) ? (JSON.parse(readFileSync(opt, 'utf8')) as { store?: string }).store : undefined;
  return store ? join(dir, store) : empty;
}

test('server diagnostics equal `ggen-pack lint --format json` (and expected.json) for every fixture', async () => {
  ensureBuilt();
  const home = mkdtempSync(join(tmpdir(), 'packs-'));
  const empty = mkdtempSync(join(tmpdir(), 'packs-'));
  const cases = readdirSync(FIXTURES).filter(
    (d) => existsSync(join(FIXTURES, d, 'pack.toml')) || existsSync(join(FIXTURES, d, 'pack.yaml')),
  );
  assert.ok(cases.length >= 10, 'the golden fixtures are present');
  const clients = new Map<string, Client>();
  let total = 0;
  try {
    for (const c of cases) {
      const dir = join(FIXTURES, c);
      const catalog = catalogOf(dir, empty);
      if (!clients.has(catalog)) clients.set(catalog, await startServer(home, { env: { GGEN_BUNDLED_DIR: catalog } }));
      const client = clients.get(catalog)!;
      const env = { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog };
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', dir, '--format', 'json'], { env, encoding: 'utf8' });
      const envelope = JSON.parse(r.stdout) as {
        issues: { code: string; message: string; file: string | null; range: { start: Pos; end: Pos } | null }[];
      };
      const manifest = existsSync(join(dir, 'pack.toml')) ? join(dir, 'pack.toml') : join(dir, 'pack.yaml');
      const abs = (f: string | null) => (!f ? manifest : f.startsWith('/') ? f : join(dir, f));
      const cli: Key[] = envelope.issues.map((i) => ({
        code: i.code,
        file: abs(i.file),
        line: i.range?.start.line ?? 1,
        column: i.range?.start.column ?? 1,
        endLine: i.range?.end.line ?? 1,
        endColumn: i.range?.end.column ?? 1,
        message: i.message,
      }));
      const files = [...new Set([manifest, ...cli.map((k) => k.file)])].filter((f) => existsSync(f));
      const server: Key[] = [];
      for (const f of files) {
        await client.open(f);
        for (const d of await client.diagnostics(f)) {
          server.push({
            code: String(d.code),
            file: f,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            message: typeof d.message === 'string' ? d.message : d.message.value,
          });
        }
      }
      total += server.length;
      assert.deepEqual(sorted(server), sorted(cli.filter((k) => existsSync(k.file))), `fixture ${c}: server and CLI disagree`);
      const expectedFile = join(dir, 'expected.json');
      if (existsSync(expectedFile)) {
        const list = JSON.parse(readFileSync(expectedFile, 'utf8')) as Omit<Key, 'file'>[];
        // A null range is line/column 0 in expected.json; an LSP diagnostic sits at the file's start.
        const want = list
          .map((e) => where({ ...e, line: e.line || 1, column: e.column || 1, endLine: e.endLine || 1, endColumn: e.endColumn || 1 }))
          .sort();
        // Golden cases without lint-options.json are linted with no store: registry rules do not run there.
        const noStore = catalog === empty;
        const got = server
          .filter((k) => !(noStore && STORE_RULES.has(k.code)))
          .map(where)
          .sort();
        assert.deepEqual(got, want, `fixture ${c}: server differs from expected.json`);
      }
    }
    assert.ok(total > cases.length, 'the fixtures do report issues (the comparison is not vacuous)');
  } finally {
    for (const c of clients.values()) await c.stop();
  }
});
