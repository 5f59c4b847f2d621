// `ggen-pack regenerate`: a new pack version over a project with hand edits. Unedited files take the
// new render, edits merge in, same-line edits become conflicts (exit 4), deleted files stay deleted,
// files no longer generated go away only when unedited, --preserve and --dry-run touch nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

const MANIFEST = `[metadata]\nname = "evolve"\nversion = "1.0.0"\ndescription = "A pack whose templates change"\ncategory = "custom"\n\n[[templates]]\nalias = "main"\nsource = { type = "local", path = "t" }\n\n[[variables]]\nname = "name"\ntype = "string"\ndefault = "app"\n`;
const LINES = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `line ${i + 1} ${tag}`).join('\n') + '\n';

function setup() {
  const base = tempDir();
  const pack = writeTree(
    {
      'pack.toml': MANIFEST,
      't/edited.txt.mustache': `header {{name}}\n${LINES(8, 'v1')}`,
      't/untouched.txt.mustache': 'untouched {{name}} v1\n',
      't/deleted.txt': 'delete me\n',
      't/dropped.txt': 'dropped in v2\n',
      't/keep-mine.txt': 'pack text\n',
    },
    join(base, 'pack'),
  );
  const out = join(base, 'out');
  const home = join(base, 'home');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  assert.equal(cli('generate', pack, '--output', out).code, 0);
  return { base, pack, out, cli };
}

/** Version 2 of the pack: the last line of edited.txt and untouched.txt change, dropped.txt goes, added.txt comes. */
function upgrade(pack: string) {
  writeFileSync(join(pack, 'pack.toml'), MANIFEST.replace('1.0.0', '2.0.0'));
  writeFileSync(join(pack, 't/edited.txt.mustache'), `header {{name}}\n${LINES(7, 'v1')}line 8 v2\n`);
  writeFileSync(join(pack, 't/untouched.txt.mustache'), 'untouched {{name}} v2\n');
  rmSync(join(pack, 't/dropped.txt'));
  writeFileSync(join(pack, 't/added.txt'), 'new in v2\n');
}

const read = (out: string, f: string) => readFileSync(join(out, f), 'utf8');
const snapshot = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${join(e.parentPath, e.name)}:${readFileSync(join(e.parentPath, e.name)).toString('base64')}`)
    .sort();

test('regenerate merges hand edits with the new version and updates the lock', () => {
  const { pack, out, cli } = setup();
  writeFileSync(join(out, 'edited.txt'), read(out, 'edited.txt').replace('line 2 v1', 'line 2 MINE'));
  writeFileSync(join(out, 'keep-mine.txt'), 'my own text\n');
  rmSync(join(out, 'deleted.txt'));
  upgrade(pack);

  const before = snapshot(out);
  const dry = cli('regenerate', out, '--dry-run', '--format', 'json');
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(snapshot(out), before, '--dry-run writes nothing');

  const r = cli('regenerate', out, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout).data;
  const action = Object.fromEntries(data.files.map((f: { path: string; action: string }) => [f.path, f.action]));
  assert.deepEqual(action, {
    'added.txt': 'create',
    'deleted.txt': 'deleted',
    'dropped.txt': 'remove',
    'edited.txt': 'merge',
    'keep-mine.txt': 'keep',
    'untouched.txt': 'update',
  });
  assert.deepEqual(data.packs, [{ name: 'evolve', from: '1.0.0', to: '2.0.0' }]);
  assert.match(read(out, 'edited.txt'), /line 2 MINE[\s\S]*line 8 v2/, 'both the edit and the new line');
  assert.equal(read(out, 'untouched.txt'), 'untouched app v2\n');
  assert.equal(read(out, 'keep-mine.txt'), 'my own text\n');
  assert.equal(read(out, 'added.txt'), 'new in v2\n');
  assert.equal(existsSync(join(out, 'deleted.txt')), false, 'a file the user deleted stays deleted');
  assert.equal(existsSync(join(out, 'dropped.txt')), false);
  assert.equal(readFileSync(join(data.backupDir, 'dropped.txt'), 'utf8'), 'dropped in v2\n', 'removed files are backed up');
  assert.match(read(out, 'packs.lock'), /version = "2\.0\.0"/);

  // Idempotent: nothing changes the second time.
  const again = JSON.parse(cli('regenerate', out, '--format', 'json').stdout).data;
  assert.deepEqual(
    again.files.filter((f: { action: string }) => !['unchanged', 'keep', 'deleted'].includes(f.action)),
    [],
  );
  // --all brings the deleted file back.
  assert.equal(cli('regenerate', out, '--all').code, 0);
  assert.equal(read(out, 'deleted.txt'), 'delete me\n');
});

test('same-line edits become conflict markers (exit 4); --preserve leaves a file alone', () => {
  const { pack, out, cli } = setup();
  writeFileSync(join(out, 'edited.txt'), read(out, 'edited.txt').replace('line 8 v1', 'line 8 MINE'));
  appendFileSync(join(out, 'untouched.txt'), 'my line\n');
  upgrade(pack);
  const preserved = read(out, 'untouched.txt');
  const r = cli('regenerate', out, '--preserve', 'untouched.*');
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /conflict: edited\.txt/);
  assert.match(read(out, 'edited.txt'), /<<<<<<< your edit\nline 8 MINE\n=======\nline 8 v2\n>>>>>>> new pack version/);
  assert.equal(read(out, 'untouched.txt'), preserved);
});

test('conflicts are remembered: the next regenerate reports the file again (exit 4) until its markers are resolved', () => {
  const { pack, out, cli } = setup();
  writeFileSync(join(out, 'edited.txt'), read(out, 'edited.txt').replace('line 8 v1', 'line 8 MINE'));
  upgrade(pack);
  assert.equal(cli('regenerate', out).code, 4);
  const withMarkers = read(out, 'edited.txt');
  for (let i = 0; i < 2; i++) {
    const again = cli('regenerate', out, '--format', 'json');
    assert.equal(again.code, 4, 'still unresolved');
    const data = JSON.parse(again.stdout) as { data: { conflicts: string[] }; error: { message: string } | null };
    assert.deepEqual(data.data.conflicts, ['edited.txt']);
    assert.equal(read(out, 'edited.txt'), withMarkers, 'the file is left as it is');
  }
  // The user resolves the markers: from then on it is their edit like any other.
  writeFileSync(
    join(out, 'edited.txt'),
    withMarkers.replace(/<<<<<<< your edit\n(line 8 MINE)\n=======\nline 8 v2\n>>>>>>> new pack version\n/, '$1\n'),
  );
  const resolved = cli('regenerate', out, '--format', 'json');
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.match(read(out, 'edited.txt'), /line 8 MINE\n$/);
  assert.doesNotMatch(read(out, 'packs.lock'), /conflict = true/);
});

test('regenerate without a lock says what to do', () => {
  const r = spawnSync(process.execPath, [CLI, 'regenerate', tempDir()], { encoding: 'utf8' });
  assert.equal(r.status, 7);
  assert.match(r.stderr, /No packs\.lock/);
});
