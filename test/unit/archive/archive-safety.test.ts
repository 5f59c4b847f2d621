// The safe archive reader behind `install --source <file>` and `import <file>` (SPEC §5 "Archives
// are extracted safely", §8): absolute paths, links (symbolic or hard, tar or zip) pointing out,
// `..` in zip names, too many entries, and entries whose declared size is over the caps — a bomb
// is refused on its header, before a byte of it is inflated. Each is refused with the entry named,
// installs nothing (the index byte-for-byte as before) and leaves no scratch folder in $TMPDIR
// or staging folder in the registry. (`../` in tar entries and tar symlinks for import are in
// archive.test.ts and install-source.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { MAX_ENTRIES, MAX_FILE_BYTES } from '../../../engine/archive/bundle';
import { header, tempDir, writeTree } from '../generate/fixture';
import { declareZipSizes, rawTarGz, zipAsSymlinks, type RawTarEntry } from './raw-archive';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const base = tempDir();
const home = join(base, 'home');
const tmp = join(base, 'tmp');
mkdirSync(tmp);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: base,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: home, TMPDIR: tmp, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Scratch folders of the import ($TMPDIR) and staging folders of the registry transaction. */
const leftovers = () => [...readdirSync(tmp), ...readdirSync(join(home, 'packs')).filter((f) => f.startsWith('.tmp-'))];

const manifest = header('evil-pack');
const tar = (name: string, entries: RawTarEntry[]) => {
  writeFileSync(join(base, name), rawTarGz([{ path: 'pack.toml', data: manifest }, ...entries]));
  return name;
};
const zip = (name: string, data: Buffer | Uint8Array) => {
  writeFileSync(join(base, name), data);
  return name;
};
const text = (s: string) => new TextEncoder().encode(s);

const MB = 1024 * 1024;
const cases: [string, string, RegExp, number][] = [
  [
    'absolute tar entry',
    tar('absolute.tar.gz', [{ path: '/tmp/evil-absolute.txt', data: 'x' }]),
    /refusing the archive entry "\/tmp\/evil-absolute\.txt" \(absolute/,
    6,
  ],
  [
    'hard link out',
    tar('hardlink.tar.gz', [{ path: 'passwd', type: '1', linkpath: '/etc/passwd' }]),
    /refusing the Link entry "passwd"/,
    6,
  ],
  [
    'hard link climbing',
    tar('hardlink-up.tar.gz', [{ path: 'up', type: '1', linkpath: '../../outside.txt' }]),
    /refusing the Link entry "up"/,
    6,
  ],
  [
    'symbolic link (install)',
    tar('symlink.tar.gz', [{ path: 'link', type: '2', linkpath: '/etc' }]),
    /refusing the SymbolicLink entry "link"/,
    6,
  ],
  [
    'zip symbolic link',
    zip('symlink.zip', zipAsSymlinks(zipSync({ 'pack.toml': text(manifest), link: text('/etc/passwd') }))),
    /refusing the symbolic link entry "pack\.toml"/,
    6,
  ],
  [
    'zip ../ entry',
    zip('dotdot.zip', zipSync({ 'pack.toml': text(manifest), '../evil.txt': text('x') })),
    /refusing the archive entry "\.\.\/evil\.txt"/,
    6,
  ],
  [
    'zip absolute entry',
    zip('absolute.zip', zipSync({ 'pack.toml': text(manifest), '/evil.txt': text('x') })),
    /refusing the archive entry "\/evil\.txt"/,
    6,
  ],
  [
    'tar entry declaring more than the file cap',
    tar('huge.tar.gz', [{ path: 'big.bin', declaredSize: 200 * MB }]),
    new RegExp(`the entry "big\\.bin" declares ${200 * MB} bytes; the file limit is 100 MB; nothing was installed`),
    2,
  ],
  [
    'zip bomb: an entry declaring 4 GB',
    zip('bomb.zip', declareZipSizes(zipSync({ 'pack.toml': text(manifest), 'bomb.bin': new Uint8Array(1024) }), 0xfffffff0)),
    /the entry "(pack\.toml|bomb\.bin)" declares 4294967280 bytes; the file limit is 100 MB/,
    2,
  ],
  [
    'zip entries declaring more than the bundle cap together',
    zip(
      'total.zip',
      declareZipSizes(zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.bin`, text('x')]))), MAX_FILE_BYTES - 1),
    ),
    /total\.zip unpacks to more than 512 MB \(the bundle limit\) at the entry "f5\.bin"/,
    2,
  ],
  [
    'too many entries',
    tar(
      'many.tar.gz',
      Array.from({ length: MAX_ENTRIES }, (_, i) => ({ path: `f/${i}` })),
    ),
    new RegExp(`many\\.tar\\.gz has more than ${MAX_ENTRIES} entries \\(the archive limit\\); nothing was installed`),
    2,
  ],
];

test('unsafe archives are refused by install --source and import alike: nothing installed, nothing left behind', () => {
  // Something installed first, so "the index is unchanged" compares real bytes.
  const kept = writeTree({ 'pack.toml': header('kept-pack') }, join(base, 'kept'));
  assert.equal(run('install', kept).code, 0);
  const index = readFileSync(join(home, 'packs/index.jsonl'));
  const packsBefore = readdirSync(join(home, 'packs')).sort();

  for (const [what, file, message, exit] of cases) {
    for (const args of [
      ['install', '--source', file],
      ['import', file],
    ]) {
      const r = run(...args);
      const label = `${args[0]}: ${what}`;
      assert.equal(r.code, exit, `${label}\n${r.stderr}`);
      assert.match(r.stderr, message, label);
      assert.ok(readFileSync(join(home, 'packs/index.jsonl')).equals(index), `${label}: the index is unchanged`);
      assert.deepEqual(readdirSync(join(home, 'packs')).sort(), packsBefore, `${label}: no pack folder was added`);
      assert.deepEqual(leftovers(), [], `${label}: no scratch or staging folder is left`);
    }
  }
  for (const outside of ['/tmp/evil-absolute.txt', join(base, '..', 'evil.txt'), join(base, '..', 'outside.txt')])
    assert.ok(!existsSync(outside), `${outside} was not written`);
});

test('a zip bundle keeps executable bits; --archive-format reads a bundle whatever its name', () => {
  const pack = writeTree({ 'pack.toml': header('exec-pack'), 'bin/run.sh': '#!/bin/sh\n' }, join(base, 'exec'));
  chmodSync(join(pack, 'bin/run.sh'), 0o755);
  const made = run('export', pack, '--archive-format', 'zip', '--output', 'exec.bundle', '--format', 'json');
  assert.equal(made.code, 0, made.stderr);
  assert.equal(JSON.parse(made.stdout).data.format, 'zip');
  assert.equal(readFileSync(join(base, 'exec.bundle')).subarray(0, 2).toString(), 'PK');

  const fresh = join(base, 'exec-home');
  const imp = spawnSync(process.execPath, [CLI, 'import', 'exec.bundle', '--archive-format', 'zip'], {
    cwd: base,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: fresh, TMPDIR: tmp, NO_COLOR: '1' },
  });
  assert.equal(imp.status, 0, imp.stderr);
  assert.equal(statSync(join(fresh, 'packs/exec-pack@1.0.0/bin/run.sh')).mode & 0o777, 0o755, 'zip keeps the executable bits');
  assert.deepEqual(readdirSync(tmp), []);
});
