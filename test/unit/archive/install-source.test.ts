// `install --source <file>` (the ggen form): a plain .tar.gz of one pack folder or a bundle made by
// `export`, read by the safe bundle reader; unsafe archives install nothing and leave nothing behind;
// a URL is a NetworkError until remote fetching exists. `import --verify` says what it verified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import { header, localTemplate, tempDir, writeTree } from '../generate/fixture';
import { freePort } from '../../support/verdaccio';

const CLI = resolve(__dirname, '../../../dist/cli.js');

/** The CLI with a private GGEN_HOME and TMPDIR (so leftover scratch folders show). */
function env(base: string, home = 'home') {
  mkdirSync(join(base, 'tmp'), { recursive: true });
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: join(base, home), TMPDIR: join(base, 'tmp'), NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const installed = () =>
    (JSON.parse(run('list', '--installed', '--format', 'json').stdout) as { data: { name: string; version: string }[] }).data.map(
      (p) => `${p.name}@${p.version}`,
    );
  const leftovers = () => [
    ...readdirSync(join(base, 'tmp')),
    ...(existsSync(join(base, home, 'packs')) ? readdirSync(join(base, home, 'packs')).filter((f) => f.startsWith('.tmp-')) : []),
  ];
  return { run, installed, leftovers };
}

/** A small pack folder `<base>/src/<top>` (dependency-free). */
function packFolder(base: string, top: string, name = 'archived-pack', version = '1.2.3'): string {
  return writeTree(
    {
      'pack.toml': header(name, version) + localTemplate('app', 'templates'),
      'templates/hello.txt.mustache': 'hello\n',
      'README.md': '# archived\n',
    },
    join(base, 'src', top),
  );
}

test('install --source <file.tar.gz>: a pack in a single top folder (npm pack style) or at the root', () => {
  const base = tempDir();
  const { run, installed, leftovers } = env(base);
  packFolder(base, 'package');
  tar.c({ file: join(base, 'npm-style.tgz'), gzip: true, cwd: join(base, 'src'), sync: true }, ['package']);
  const r = run('install', '--source', 'npm-style.tgz', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout).data;
  assert.deepEqual(data.pack, { name: 'archived-pack', version: '1.2.3' });
  assert.equal(data.archive.kind, 'pack');
  assert.equal(data.steps[0].from, `archive:${join(base, 'npm-style.tgz')}`);
  assert.deepEqual(installed(), ['archived-pack@1.2.3']);
  assert.equal(readFileSync(join(base, 'home/packs/archived-pack@1.2.3/templates/hello.txt.mustache'), 'utf8'), 'hello\n');
  assert.deepEqual(leftovers(), [], 'no scratch or staging folder is left');

  // `tar czf x.tar.gz -C dir .` (entries "./pack.toml"), and the <pack> name given too.
  packFolder(base, 'flat', 'flat-pack', '0.1.0');
  tar.c({ file: join(base, 'flat.tar.gz'), gzip: true, cwd: join(base, 'src/flat'), sync: true }, ['.']);
  const flat = run('install', 'flat-pack', '--source', './flat.tar.gz');
  assert.equal(flat.code, 0, flat.stderr);
  assert.match(flat.stdout, /Installed flat-pack@0\.1\.0 from .*flat\.tar\.gz/);
  assert.deepEqual(installed().sort(), ['archived-pack@1.2.3', 'flat-pack@0.1.0']);
});

test('install <pack> --source <file>: the name (and range) must be the archive pack', () => {
  const base = tempDir();
  const { run, installed, leftovers } = env(base);
  packFolder(base, 'package');
  tar.c({ file: join(base, 'p.tgz'), gzip: true, cwd: join(base, 'src'), sync: true }, ['package']);
  const wrong = run('install', 'other-pack', '--source', 'p.tgz');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /holds archived-pack@1\.2\.3, not other-pack; nothing was installed/);
  const range = run('install', 'archived-pack@^2', '--source', 'p.tgz');
  assert.equal(range.code, 2);
  assert.match(range.stderr, /does not satisfy \^2/);
  assert.deepEqual(existsSync(join(base, 'home/packs')) ? installed() : [], []);
  assert.equal(run('install', 'archived-pack@^1', '--source', 'p.tgz').code, 0);
  assert.deepEqual(installed(), ['archived-pack@1.2.3']);
  assert.deepEqual(leftovers(), []);
});

test('install --source <bundle>: a bundle made by export installs its packs, dependencies included', () => {
  const base = tempDir();
  const { run } = env(base, 'maker');
  const lib = writeTree({ 'pack.toml': header('lib-pack', '1.0.0') }, join(base, 'lib'));
  const app = writeTree({ 'pack.toml': header('app-pack', '2.0.0') + '[dependencies]\nlib-pack = "^1.0.0"\n' }, join(base, 'app'));
  assert.equal(run('install', lib).code, 0);
  assert.equal(run('install', app).code, 0);
  assert.equal(run('export', 'app-pack', '--include-dependencies', '--output', 'app.tar.gz').code, 0);

  const fresh = env(base, 'fresh');
  const r = fresh.run('install', 'app-pack', '--source', 'app.tar.gz', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout).data;
  assert.equal(data.archive.kind, 'bundle');
  assert.deepEqual(data.archive.verified, { packs: 2, files: 2, integrity: 'sha512', checksums: 'sha256' });
  assert.deepEqual(fresh.installed().sort(), ['app-pack@2.0.0', 'lib-pack@1.0.0']);
  assert.deepEqual(fresh.leftovers(), []);

  const other = env(base, 'other');
  assert.equal(other.run('install', 'lib-pack', '--source', 'app.tar.gz').code, 2, 'the bundle holds app-pack, not lib-pack');
});

test('an archive with a ../ entry, or without a pack, installs nothing and leaves nothing behind', () => {
  const base = tempDir();
  const { run, leftovers } = env(base);
  const evil = join(base, 'evil');
  mkdirSync(join(evil, 'inner'), { recursive: true });
  writeFileSync(join(evil, 'inner', 'pack.toml'), header('evil-pack'));
  writeFileSync(join(evil, 'outside.txt'), 'x');
  tar.c({ file: join(base, 'dotdot.tar.gz'), gzip: true, cwd: join(evil, 'inner'), sync: true, preservePaths: true }, [
    'pack.toml',
    '../outside.txt',
  ]);
  const r = run('install', '--source', 'dotdot.tar.gz');
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /refusing the archive entry "\.\.\/outside\.txt"/);
  assert.ok(!existsSync(join(base, 'home/packs/index.jsonl')), 'the index is unchanged (none was written)');
  assert.ok(!existsSync(join(base, 'home/packs/evil-pack@1.0.0')));
  assert.deepEqual(leftovers(), []);

  writeTree({ 'a/readme.txt': 'no manifest\n', 'b/other.txt': 'x\n' }, join(base, 'nopack'));
  tar.c({ file: join(base, 'nopack.tgz'), gzip: true, cwd: join(base, 'nopack'), sync: true }, ['a', 'b']);
  const none = run('install', '--source', 'nopack.tgz');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /holds no pack: no pack\.toml at its root or in a single top folder/);
  assert.deepEqual(leftovers(), []);
});

test('install --source <url> downloads; a server that does not answer is a NetworkError (exit 5) naming the way around it', async () => {
  const base = tempDir();
  const { run } = env(base);
  // A port nobody listens on: refused at once, so the test does not depend on a timeout or the machine's speed.
  const port = await freePort();
  for (const url of [`http://127.0.0.1:${port}/pack.tar.gz`, `http://127.0.0.1:${port}/p.tgz`]) {
    const r = run('install', '--source', url);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /needs the network/);
    assert.match(r.stderr, /ggen-pack install --source <file>/);
  }
  const json = run('install', '--source', `http://127.0.0.1:${port}/pack.tar.gz`, '--format', 'json');
  assert.equal(JSON.parse(json.stdout).error.code, 'network');
  // The source filters keep their meaning.
  assert.equal(run('install', 'no-such-pack', '--source', 'local').code, 7);
  assert.equal(run('install', '--source', 'locla').code, 2);
});

test('import --verify says what it verified; without it the same verification runs', () => {
  const base = tempDir();
  const { run } = env(base, 'maker');
  const lib = writeTree({ 'pack.toml': header('lib-pack', '1.0.0'), 'a.txt': 'a\n' }, join(base, 'lib'));
  assert.equal(run('export', lib, '--output', 'lib.tar.gz').code, 0);

  const v = env(base, 'verified').run('import', 'lib.tar.gz', '--verify');
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /verified: 1 pack\(s\), 2 file checksum\(s\) \(SHA-256\), integrity sha512 matched/);
  const j = env(base, 'json').run('import', 'lib.tar.gz', '--verify', '--format', 'json');
  assert.deepEqual(JSON.parse(j.stdout).data.verified, { packs: 1, files: 2, integrity: 'sha512', checksums: 'sha256' });
  assert.match(j.stderr, /verified: 1 pack\(s\)/);

  const plain = env(base, 'plain').run('import', 'lib.tar.gz');
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /Verified 2 file checksum\(s\)/);

  // A tampered bundle fails the same way with or without --verify.
  const bad = join(base, 'bad');
  mkdirSync(bad);
  tar.x({ file: join(base, 'lib.tar.gz'), cwd: bad, sync: true });
  writeFileSync(join(bad, 'packs/lib-pack@1.0.0/a.txt'), 'changed\n');
  tar.c({ file: join(base, 'bad.tar.gz'), gzip: true, cwd: bad, sync: true }, readdirSync(bad));
  for (const extra of [[], ['--verify']]) {
    const r = env(base, `bad${extra.length}`).run('import', 'bad.tar.gz', ...extra);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /checksum mismatch/);
  }
});
