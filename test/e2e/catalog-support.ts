// Helpers of the catalog end-to-end test (catalog.test.ts): the built CLI in a private work folder,
// generation into fresh folders, npm install + test of generated projects, and independent readings
// of RDF graphs and Markdown tables to check generated files against.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFactory, Parser, Store } from 'n3';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const PACKS = join(ROOT, 'examples/packs');
export const FIXTURES = join(ROOT, 'test/fixtures/ontologies');
export const WORK = mkdtempSync(join(tmpdir(), 'packs-catalog-'));
export const HOME = join(WORK, '.ggen-home');
export const SKIP_NPM = process.env.PACKS_E2E_SKIP_NPM === '1';

export const namedNode = (iri: string) => DataFactory.namedNode(iri);
export const RDF_TYPE = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
export const RDFS_LABEL = namedNode('http://www.w3.org/2000/01/rdf-schema#label');

/** Runs a program; returns its status and output (never throws). */
export function sh(cmd: string, args: string[], cwd: string, timeoutMs = 300_000, env: NodeJS.ProcessEnv = {}) {
  // NODE_TEST_CONTEXT would make the generated project's own `node --test` skip its files.
  const { NODE_TEST_CONTEXT: _inherited, ...base } = process.env;
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}

/** The built CLI with a private GGEN_HOME; the bundled catalog is found next to dist/. */
export function cli(...args: string[]) {
  return sh(process.execPath, [CLI, ...args], WORK, 120_000, { GGEN_HOME: HOME, GGEN_BUNDLED_DIR: '' });
}

/** `generate <examples/packs/name> --output <fresh dir>`; asserts success, returns the output dir. */
export function generate(pack: string, vars: Record<string, string | number>, extra: string[] = []): string {
  const out = mkdtempSync(join(WORK, `${pack}-`));
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}=${v}`]);
  const r = cli('generate', join(PACKS, pack), '--output', out, ...varArgs, ...extra);
  assert.equal(r.code, 0, `generate ${pack} failed:\n${r.out}`);
  return out;
}

export const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
export const packFile = (pack: string, file: string) => readFileSync(join(PACKS, pack, file), 'utf8');

export function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

export function loadGraph(...files: string[]): Store {
  const store = new Store();
  for (const f of files) store.addQuads(new Parser({ baseIRI: `file://${f}` }).parse(readFileSync(f, 'utf8')));
  return store;
}

/** Literal value of `subject predicate ?o` (first one), straight from the graph. */
export function literal(store: Store, subject: string, predicate: string): string | undefined {
  return store.getObjects(namedNode(subject), namedNode(predicate), null)[0]?.value;
}

/** Data rows of the first Markdown table after `heading` (or of the first table). */
export function markdownRows(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l, i) => l.startsWith('|') && /^\|(\s*-+\s*\|)+$/.test(lines[i + 1] ?? ''));
  assert.ok(start >= 0, 'no Markdown table found');
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

export const installAndTest = (t: TestContext, dir: string, testArgs: string[]) => {
  const t0 = Date.now();
  const install = sh('npm', ['install', '--no-audit', '--no-fund'], dir, 300_000);
  assert.equal(install.code, 0, `npm install failed:\n${install.out}`);
  const t1 = Date.now();
  const run = sh('npm', testArgs, dir, 300_000);
  assert.equal(run.code, 0, `npm ${testArgs.join(' ')} failed:\n${run.out}`);
  t.diagnostic(`npm install ${t1 - t0} ms, npm ${testArgs.join(' ')} ${Date.now() - t1} ms`);
  return run.out;
};
