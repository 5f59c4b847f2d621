// `merge <src> <dst>` of two generated projects combines their packs.lock files as data: the result
// parses, tracks the files of both with the right baselines, and regenerate works on it afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BASELINE_STORE, openBaselines, parseBaselines } from '../../../engine/apply/baseline-store';
import { readLock } from '../../../engine/apply/lockfile';
import { tempDir, writePack } from '../registry/helpers';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function setup() {
  const catalog = tempDir('packs-mlock-catalog-');
  for (const [name, body] of [
    ['alpha', 'alpha {{project_name}}\n'],
    ['beta', 'beta {{project_name}} {{port}}\n'],
  ] as const) {
    const dir = writePack(catalog, {
      name,
      version: '1.0.0',
      templates: ['main'],
      projectName: 'required',
      files: { [`templates/main/${name}.txt.mustache`]: body },
    });
    if (name === 'beta') {
      appendFileSync(join(dir, 'pack.toml'), '\n[[variables]]\nname = "port"\ntype = "integer"\ndefault = 8080\n');
      rmSync(join(dir, 'templates/main/README.md.mustache')); // one README, from alpha: regenerate renders both packs together
    }
  }
  const base = tempDir('packs-mlock-');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: join(base, 'home'), GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  assert.equal(cli('generate', 'alpha', '--output', 'dst', '--var', 'project_name=shop').code, 0);
  assert.equal(cli('generate', 'beta', '--output', 'src', '--var', 'project_name=shop-api').code, 0);
  return { base, cli };
}

test('merge combines two packs.lock files as data, with the baselines of what it takes over', () => {
  const { base, cli } = setup();
  const r = cli('merge', 'src', 'dst', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(join(base, 'dst/packs.lock'), 'utf8');
  assert.doesNotMatch(text, /<<<<<<<|>>>>>>>/);
  const lock = readLock(join(base, 'dst'))!;
  assert.deepEqual(lock.packs.map((p) => p.name).sort(), ['alpha', 'beta']);
  assert.deepEqual(lock.files.map((f) => f.path).sort(), ['README.md', 'alpha.txt', 'beta.txt']);
  assert.equal(lock.files.find((f) => f.path === 'beta.txt')?.pack, 'beta');
  // Both set project_name: the destination's value stays, and the merge says so.
  assert.equal(lock.variables.project_name, 'shop');
  assert.equal(lock.variables.port, 8080);
  const data = JSON.parse(r.stdout) as { data: { warnings: string[] } };
  assert.match(data.data.warnings.join('\n'), /variable project_name differs/);
  const baselines = openBaselines(join(base, 'dst'));
  for (const f of lock.files) assert.ok(baselines.get(f.sha256), `baseline of ${f.path}`);
  const store = parseBaselines(readFileSync(join(base, 'dst', BASELINE_STORE), 'utf8'));
  assert.deepEqual(store.badLines, []);
  assert.deepEqual([...store.entries.keys()], [...new Set(lock.files.map((f) => f.sha256))].sort(), 'exactly the locked baselines');
  assert.ok(!existsSync(join(base, 'dst/.packs/baseline')), 'no per-file baseline folder');
  // regenerate can read and use the merged lock.
  const again = cli('regenerate', 'dst', '--dry-run', '--format', 'json');
  assert.equal(again.code, 0, again.stderr);
  const actions = (JSON.parse(again.stdout) as { data: { files: { path: string; action: string }[] } }).data.files;
  assert.deepEqual(
    actions.map((f) => `${f.path}:${f.action}`).sort(),
    ['README.md:unchanged', 'alpha.txt:unchanged', 'beta.txt:update'],
    'beta.txt is re-rendered with the destination project_name; nothing is a conflict',
  );
});
