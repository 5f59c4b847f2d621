// export/import: deterministic bundles with checksums; an import verifies everything first and
// installs nothing from a tampered or malicious archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import { readBundle } from '../../../engine/archive/read-bundle';
import { writeBundle } from '../../../engine/archive/write-bundle';
import { packIntegrity } from '../../../engine/registry/integrity';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function cli(home: string, cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const installed = (home: string, cwd: string) =>
  JSON.parse(cli(home, cwd, 'list', '--installed', '--format', 'json').stdout).data.map((p: { name: string }) => p.name);

function packs() {
  const base = tempDir();
  const lib = writeTree(
    {
      'pack.toml':
        '[metadata]\nname = "lib-pack"\nversion = "1.0.0"\ndescription = "A dependency for the bundle test"\ncategory = "custom"\n',
      'bin/run.sh': '#!/bin/sh\necho hi\n',
    },
    join(base, 'lib'),
  );
  const app = writeTree(
    {
      'pack.toml':
        '[metadata]\nname = "app-pack"\nversion = "2.0.0"\ndescription = "The pack that is exported"\ncategory = "custom"\n\n[dependencies]\nlib-pack = "^1.0.0"\n',
      'templates/a.txt.mustache': 'a {{x}}\n',
    },
    join(base, 'app'),
  );
  chmodSync(join(lib, 'bin/run.sh'), 0o755);
  return { base, lib, app };
}

test('export → import round trip (tar.gz and zip), deterministic bytes, dependencies first', () => {
  const { base, lib, app } = packs();
  const home = join(base, 'home');
  assert.equal(cli(home, base, 'install', lib).code, 0);
  assert.equal(cli(home, base, 'install', app).code, 0);
  const out = cli(home, base, 'export', 'app-pack', '--include-dependencies', '--format', 'json');
  assert.equal(out.code, 0, out.stderr);
  const data = JSON.parse(out.stdout).data;
  assert.deepEqual(
    data.packs.map((p: { name: string }) => p.name),
    ['lib-pack', 'app-pack'],
  );
  const first = readFileSync(data.file);
  assert.equal(cli(home, base, 'export', 'app-pack', '--include-dependencies').code, 0);
  assert.ok(readFileSync(data.file).equals(first), 'the same packs give the same bytes');

  for (const file of [data.file, join(base, 'b.zip')]) {
    if (file.endsWith('.zip')) assert.equal(cli(home, base, 'export', 'app-pack', '--include-dependencies', '--output', file).code, 0);
    const fresh = join(base, `fresh-${file.endsWith('.zip') ? 'zip' : 'tgz'}`);
    const r = cli(fresh, base, 'import', file, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(installed(fresh, base).sort(), ['app-pack', 'lib-pack']);
    assert.equal(packIntegrity(join(fresh, 'packs/lib-pack@1.0.0')), packIntegrity(lib));
    assert.equal(packIntegrity(join(fresh, 'packs/app-pack@2.0.0')), packIntegrity(app));
    if (!file.endsWith('.zip'))
      assert.equal(statSync(join(fresh, 'packs/lib-pack@1.0.0/bin/run.sh')).mode & 0o111, 0o111, 'executable bits survive');
  }
});

test('a tampered, padded or malicious bundle installs nothing', () => {
  const { base, lib } = packs();
  const home = join(base, 'home');
  assert.equal(cli(home, base, 'export', lib, '--output', join(base, 'lib.tar.gz')).code, 0);
  const entries = readBundle(join(base, 'lib.tar.gz'));

  const tampered = entries.map((e) => (e.path.endsWith('run.sh') ? { ...e, data: Buffer.from('#!/bin/sh\nrm -rf ~\n') } : e));
  writeBundle(join(base, 'tampered.tar.gz'), tampered);
  const t = cli(join(base, 'h1'), base, 'import', 'tampered.tar.gz');
  assert.equal(t.code, 2);
  assert.match(t.stderr, /checksum mismatch — packs\/lib-pack@1\.0\.0\/bin\/run\.sh differs/);

  writeBundle(join(base, 'padded.tar.gz'), [...entries, { path: 'packs/lib-pack@1.0.0/extra.txt', data: Buffer.from('x'), mode: 0o644 }]);
  const p = cli(join(base, 'h2'), base, 'import', 'padded.tar.gz');
  assert.equal(p.code, 2);
  assert.match(p.stderr, /extra\.txt is not listed/);

  // An entry climbing out with "..", and a symbolic link: refused before anything is written.
  const evil = join(base, 'evil');
  mkdirSync(join(evil, 'inner'), { recursive: true });
  writeFileSync(join(evil, 'outside.txt'), 'x');
  tar.c({ file: join(base, 'dotdot.tar.gz'), gzip: true, cwd: join(evil, 'inner'), sync: true, preservePaths: true }, ['../outside.txt']);
  symlinkSync('/etc/passwd', join(evil, 'inner', 'link'));
  tar.c({ file: join(base, 'link.tar.gz'), gzip: true, cwd: join(evil, 'inner'), sync: true }, ['link']);
  for (const [file, pattern] of [
    ['dotdot.tar.gz', /refusing the archive entry "\.\.\/outside\.txt"/],
    ['link.tar.gz', /refusing the SymbolicLink entry "link"/],
  ] as const) {
    const r = cli(join(base, 'h3'), base, 'import', file);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, pattern);
  }
  for (const h of ['h1', 'h2', 'h3']) assert.ok(!existsSync(join(base, h, 'packs')) || installed(join(base, h), base).length === 0, h);
});
