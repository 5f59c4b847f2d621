// The validation gate (engine/generate/validation-gate.ts): generate and compose refuse what
// `validate` rejects — exit 2, the issues validate prints, nothing written — and validate reports
// what generation refuses or mangles (symlinks leaving the pack, backslashes in template names, an
// enum without values, a template that is not UTF-8). The gate reads no file twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs, { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliEnvelope } from '../../../protocol';
import { planGeneration } from '../../../engine/generate';
import { assertPacksValid } from '../../../engine/generate/validation-gate';
import { readOnce } from '../../../engine/fs/read-once';
import { loadManifest } from '../../../engine/manifest/load';
import type { LoadedPack } from '../../../engine/registry/types';
import { tempDir, writeTree } from '../generate/fixture';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');

function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the catalog's rust-cli pack, changed by `edit`. */
function rustCli(edit: (dir: string, manifest: string) => string | void): string {
  const dir = join(tempDir(), 'rust-cli');
  cpSync(join(ROOT, 'examples/packs/rust-cli'), dir, { recursive: true });
  const file = join(dir, 'pack.toml');
  const text = edit(dir, readFileSync(file, 'utf8'));
  if (typeof text === 'string') writeFileSync(file, text);
  return dir;
}

const CASES: [string, string, (dir: string, m: string) => string | void][] = [
  [
    'engine-version',
    'an unsatisfiable min_engine_version',
    (_d, m) => m.replace('min_engine_version = ">=0.1.0"', 'min_engine_version = ">=99.0.0"'),
  ],
  ['unknown-key', 'an unknown key', (_d, m) => m.replace('\ntags = ', '\ntagz = ["x"]\ntags = ')],
  ['invalid-type', 'a string priority', (_d, m) => m.replace('priority = 10', 'priority = "ten"')],
  [
    'invalid-type',
    '[templates] instead of [[templates]]',
    (_d, m) =>
      m.replace(
        /\[\[templates\]\][\s\S]*?(?=\[\[variables\]\])/,
        '[templates]\nalias = "project"\n\n[templates.source]\ntype = "local"\npath = "templates/project"\n\n',
      ),
  ],
  ['unsafe-characters', 'a bidi override in an alias', (_d, m) => m.replace('alias = "project"', 'alias = "pro\\u202Eject"')],
  ['unsafe-characters', 'a control character in an alias', (_d, m) => m.replace('alias = "project"', 'alias = "pro\\u0007ject"')],
  ['enum-without-values', 'an enum without values', (_d, m) => m.replace('values = ["2021", "2024"]\n', '')],
  [
    'invalid-utf8',
    'a template that is not UTF-8',
    (d) => writeFileSync(join(d, 'templates/project/bad.txt.mustache'), Buffer.from('caf\xe9 {{project_name}}\n', 'latin1')),
  ],
  ['backslash-in-path', 'a backslash in a template file name', (d) => writeFileSync(join(d, 'templates/src/a\\b.rs'), 'x')],
];

test('generate refuses what validate rejects: exit 2, the same issues, nothing written', () => {
  const home = tempDir();
  for (const [code, what, edit] of CASES) {
    const dir = rustCli(edit);
    const out = join(tempDir(), 'out');
    const v = cli(['validate', dir, '--format', 'json'], { GGEN_HOME: home });
    assert.equal(v.code, 2, `${what}: validate\n${v.stderr}`);
    const vIssues = (JSON.parse(v.stdout) as CliEnvelope).issues.filter((i) => i.severity === 'error');
    assert.ok(
      vIssues.some((i) => i.code === `packs/${code}`),
      `${what}: validate reports packs/${code}: ${JSON.stringify(vIssues)}`,
    );
    const g = cli(['generate', dir, '--output', out, '--var', 'project_name=demo', '--format', 'json'], { GGEN_HOME: home });
    assert.equal(g.code, 2, `${what}: generate\n${g.stderr}`);
    const doc = JSON.parse(g.stdout) as CliEnvelope;
    assert.equal(doc.error?.code, 'validation', what);
    const key = (i: { code: string; message: string; file: string | null; range: unknown }) =>
      JSON.stringify([i.code, i.message, i.file, i.range]);
    assert.deepEqual(doc.issues.map(key), vIssues.map(key), `${what}: generate lists validate's errors`);
    assert.equal(existsSync(out), false, `${what}: nothing written`);
    // Human output: the issues as validate prints them (file:line:col, severity, code).
    const human = cli(['generate', dir, '--output', out, '--var', 'project_name=demo'], { GGEN_HOME: home });
    assert.equal(human.code, 2);
    assert.match(human.stderr, new RegExp(`:\\d+:\\d+: error packs/${code}`), what);
    assert.match(human.stderr, /nothing was changed/);
  }
});

test('validate reports a template symlink leaving the pack, which generate refuses (exit 6)', () => {
  const home = tempDir();
  const dir = rustCli((d) => symlinkSync('/etc/hostname', join(d, 'templates/src/host.txt')));
  const v = cli(['validate', dir, '--format', 'json'], { GGEN_HOME: home });
  assert.equal(v.code, 2, v.stderr);
  const issue = (JSON.parse(v.stdout) as CliEnvelope).issues.find((i) => i.code === 'packs/symlink-escape');
  assert.ok(issue);
  assert.match(issue.message, /templates\/src\/host\.txt .*symbolic link to \/etc\/hostname, outside the pack/);
  const out = join(tempDir(), 'out');
  const g = cli(['generate', dir, '--output', out, '--var', 'project_name=demo'], { GGEN_HOME: home });
  assert.equal(g.code, 6, g.stderr);
  assert.equal(existsSync(out), false);
});

test('compose refuses a pack validate rejects', () => {
  const catalog = tempDir();
  const bad = rustCli((_d, m) => m.replace('min_engine_version = ">=0.1.0"', 'min_engine_version = ">=99.0.0"'));
  cpSync(bad, join(catalog, 'rust-cli'), { recursive: true });
  const base = tempDir();
  const env = { GGEN_HOME: join(base, 'home'), GGEN_BUNDLED_DIR: catalog };
  const r = cli(['compose', '--packs', 'rust-cli', '--output', join(base, 'out'), '--var', 'project_name=demo', '--format', 'json'], env);
  assert.equal(r.code, 2, r.stderr);
  const doc = JSON.parse(r.stdout) as CliEnvelope;
  assert.deepEqual(
    doc.issues.map((i) => i.code),
    ['packs/engine-version'],
  );
  assert.equal(existsSync(join(base, 'out')), false);
});

test('a generation reads every pack file once: the manifest is not read again, each template file once', async () => {
  const dir = writeTree({
    'pack.toml': `[metadata]
name = "reads-pack"
version = "1.0.0"
description = "Counts file reads"
category = "custom"

[[templates]]
alias = "t"

[templates.source]
type = "local"
path = "tpl"

[[variables]]
name = "name"
type = "string"
default = "x"
`,
    'tpl/a.txt.mustache': '{{name}} a\n',
    'tpl/b.txt.mustache': '{{name}} b\n',
    'tpl/c.bin': Buffer.from([0, 1, 2]),
  });
  const loaded = loadManifest(dir);
  const m = loaded.manifest!;
  const pack: LoadedPack = {
    name: m.metadata.name,
    version: m.metadata.version,
    source: 'path',
    dir,
    installed: false,
    manifest: m,
    loaded,
  };
  const reads = new Map<string, number>();
  const original = fs.readFileSync;
  const counting = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    reads.clear();
    fs.readFileSync = ((...args: Parameters<typeof original>) => {
      const p = String(args[0]);
      if (p.startsWith(dir)) reads.set(p.slice(dir.length + 1), (reads.get(p.slice(dir.length + 1)) ?? 0) + 1);
      return original(...args);
    }) as typeof original;
    try {
      return await fn();
    } finally {
      fs.readFileSync = original;
    }
  };
  // The gate alone: each .mustache file once (the lint's template scan), nothing else.
  const readFile = readOnce();
  await counting(() => assertPacksValid([pack], { readFile }));
  assert.deepEqual(Object.fromEntries([...reads].sort()), { 'tpl/a.txt.mustache': 1, 'tpl/b.txt.mustache': 1 });
  // A whole plan reads every pack file exactly once: the gate, rendering and packs.lock's integrity
  // hash share the bytes, and the manifest read when the pack was loaded is not read again.
  const plan = await counting(() => planGeneration({ packs: [pack], layers: [] }));
  assert.deepEqual(
    plan.files.map((f) => f.path),
    ['a.txt', 'b.txt', 'c.bin'],
  );
  assert.deepEqual(Object.fromEntries([...reads].sort()), { 'tpl/a.txt.mustache': 1, 'tpl/b.txt.mustache': 1, 'tpl/c.bin': 1 });
});
