// Composition: plan and compose several packs; conflicting files resolved by mode and rules
// (structural merges per format); existing files never replaced without a resolution; merge of
// two trees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { deepMerge, mergeContents } from '../../../engine/compose/merge-content';
import { makeCatalog, tempDir } from '../registry/helpers';

const CLI = resolve(__dirname, '../../../dist/cli.js');

const shared = (tag: string) => ({
  'templates/main/config.json': JSON.stringify({ name: 'x', [tag]: true, list: [tag] }),
  'templates/main/.gitignore': `node_modules/\n${tag}.log\n`,
  'templates/main/README.md': `# Project\n\nintro\n\n## ${tag}\n\nabout ${tag}\n`,
  'templates/main/notes.txt': `${tag} notes\n`,
  'templates/main/settings.yaml': `${tag}:\n  on: true\n`,
});

function setup() {
  const catalog = makeCatalog([
    { name: 'alpha', version: '1.0.0', templates: ['main'], files: shared('alpha') },
    { name: 'beta', version: '1.0.0', templates: ['main'], files: shared('beta') },
  ]);
  const base = tempDir();
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: join(base, 'home'), GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { base, cli };
}

test('deep merge and per-format merges', () => {
  assert.deepEqual(deepMerge({ a: 1, o: { x: 1, l: [1, 2] } }, { b: 2, o: { y: 2, l: [2, 3] } }), {
    a: 1,
    b: 2,
    o: { x: 1, y: 2, l: [1, 2, 3] },
  });
  assert.equal(mergeContents('.dockerignore', Buffer.from('a\nb\n'), Buffer.from('b\nc\n')).content.toString(), 'a\nb\nc\n');
  const md = mergeContents('docs/x.md', Buffer.from('# T\n\n## A\n\na\n'), Buffer.from('# T\n\n## A\n\nother\n\n## B\n\nb\n'));
  assert.equal(md.how, 'markdown');
  assert.equal(md.content.toString(), '# T\n\n## A\n\na\n\n## B\n\nb\n');
  const bad = mergeContents('x.json', Buffer.from('{ not json'), Buffer.from('{}'));
  assert.equal(bad.how, 'markers');
  assert.ok(bad.warning);
});

test('conflicts: fail writes nothing; overwrite, skip and merge resolve; rules come first', () => {
  const { base, cli } = setup();
  const fail = cli('compose', '--packs', 'alpha,beta', '--output', 'out-fail');
  assert.equal(fail.code, 4, fail.stderr);
  assert.match(fail.stderr, /config\.json \(alpha, beta\)/);
  assert.equal(existsSync(join(base, 'out-fail')), false);

  const plan = JSON.parse(cli('plan', '--packs', 'alpha,beta', '--format', 'json').stdout).data;
  assert.deepEqual(plan.conflicts.map((c: { path: string; resolution: string }) => `${c.path}:${c.resolution}`).sort(), [
    '.gitignore:unresolved',
    'README.md:unresolved',
    'config.json:unresolved',
    'notes.txt:unresolved',
    'settings.yaml:unresolved',
  ]);

  assert.equal(cli('compose', '--packs', 'alpha,beta', '--output', 'out-over', '--resolve-conflicts', 'overwrite').code, 0);
  assert.equal(readFileSync(join(base, 'out-over/notes.txt'), 'utf8'), 'beta notes\n');
  assert.equal(cli('compose', '--packs', 'alpha,beta', '--output', 'out-skip', '--resolve-conflicts', 'skip').code, 0);
  assert.equal(readFileSync(join(base, 'out-skip/notes.txt'), 'utf8'), 'alpha notes\n');

  const merged = cli('compose', '--packs', 'alpha,beta', '--output', 'out-merge', '--resolve-conflicts', 'merge');
  assert.equal(merged.code, 0, merged.stderr);
  const out = (f: string) => readFileSync(join(base, 'out-merge', f), 'utf8');
  assert.deepEqual(JSON.parse(out('config.json')), { name: 'x', alpha: true, beta: true, list: ['alpha', 'beta'] });
  assert.equal(out('.gitignore'), 'node_modules/\nalpha.log\nbeta.log\n');
  assert.match(out('README.md'), /## alpha[\s\S]*## beta/);
  assert.deepEqual(parseYaml(out('settings.yaml')), { alpha: { on: true }, beta: { on: true } });
  assert.match(out('notes.txt'), /<<<<<<< earlier pack\nalpha notes\n=======\nbeta notes\n>>>>>>> later pack/);
  assert.match(merged.stderr, /notes\.txt: no structural merge/);

  // A composition file: its rules win over the mode; priority_pack picks the winner.
  writeFileSync(
    join(base, 'c.yaml'),
    'name: ab\npacks:\n  - name: alpha\n  - name: beta\nconflict_resolution:\n  mode: merge\n  rules:\n    - pattern: "notes.txt"\n      action: overwrite\n      priority_pack: alpha\n',
  );
  assert.equal(cli('compose', '--composition-file', 'c.yaml', '--output', 'out-rules').code, 0);
  assert.equal(readFileSync(join(base, 'out-rules/notes.txt'), 'utf8'), 'alpha notes\n');
  assert.deepEqual(JSON.parse(readFileSync(join(base, 'out-rules/config.json'), 'utf8')).list, ['alpha', 'beta']);
});

test('composition files are validated; existing output files need a resolution', () => {
  const { base, cli } = setup();
  writeFileSync(join(base, 'bad.yaml'), 'name: x\npacks: []\nconflict_resolution:\n  mode: sometimes\n');
  const bad = cli('compose', '--composition-file', 'bad.yaml', '--output', 'o', '--format', 'json');
  assert.equal(bad.code, 2);
  assert.deepEqual(
    JSON.parse(bad.stdout).issues.map((i: { message: string }) => i.message),
    ['`packs` must list at least one pack', '`conflict_resolution.mode` must be one of ask, overwrite, skip, merge, fail; got "sometimes"'],
  );
  assert.equal(cli('compose', '--output', 'o').code, 2, 'nothing to compose');

  mkdirSync(join(base, 'existing'));
  writeFileSync(join(base, 'existing/notes.txt'), 'mine\n');
  const refused = cli('compose', '--packs', 'alpha', '--output', 'existing');
  assert.equal(refused.code, 4);
  assert.equal(readFileSync(join(base, 'existing/notes.txt'), 'utf8'), 'mine\n');
  assert.equal(cli('compose', '--packs', 'alpha', '--output', 'existing', '--resolve-conflicts', 'skip').code, 0);
  assert.equal(readFileSync(join(base, 'existing/notes.txt'), 'utf8'), 'mine\n');
  assert.ok(existsSync(join(base, 'existing/config.json')));
});

test('merge <src> <dst>: copies new files, merges structured ones, preserves and dry-runs', () => {
  const base = tempDir();
  const tree = (dir: string, files: Record<string, string>) => {
    for (const [f, t] of Object.entries(files)) {
      mkdirSync(join(base, dir, f, '..'), { recursive: true });
      writeFileSync(join(base, dir, f), t);
    }
  };
  tree('src', { 'a.json': '{"x":1}', 'new.txt': 'new\n', 'keep.txt': 'src\n', 'same.txt': 's\n' });
  tree('dst', { 'a.json': '{"y":2}', 'keep.txt': 'dst\n', 'same.txt': 's\n' });
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'merge', 'src', 'dst', ...args], { cwd: base, encoding: 'utf8' });
  assert.equal(run('--dry-run').status, 0);
  assert.equal(existsSync(join(base, 'dst/new.txt')), false);
  const r = run('--preserve', 'keep.txt', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const actions = Object.fromEntries(JSON.parse(r.stdout).data.files.map((f: { path: string; action: string }) => [f.path, f.action]));
  assert.deepEqual(actions, { 'a.json': 'merge', 'keep.txt': 'preserve', 'new.txt': 'copy', 'same.txt': 'same' });
  assert.deepEqual(JSON.parse(readFileSync(join(base, 'dst/a.json'), 'utf8')), { y: 2, x: 1 });
  assert.equal(readFileSync(join(base, 'dst/keep.txt'), 'utf8'), 'dst\n');
});
