// A bundle's metadata (ggen-bundle.json) can never make `import` read or write outside the archive
// and $GGEN_HOME: names and versions that are paths, absolute or foreign pack folders, duplicated
// packs or archive entries, and files that belong to no listed pack are each refused with an error
// naming the entry, before anything is written — the registry is byte-for-byte unchanged and no
// scratch folder is left in $TMPDIR or the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importBundle } from '../../../engine/archive/import-bundle';
import { bundleEntries, writeBundle } from '../../../engine/archive/write-bundle';
import type { BundleEntry, BundleManifest } from '../../../engine/archive/bundle';
import { setEngineConfig } from '../../../engine/config';
import { PackError } from '../../../engine/errors';
import { installPack } from '../../../engine/registry/install';
import { openStore } from '../../../engine/registry/store';
import { snapshotTree } from '../../support/fs-faults';
import { header, loadPack, tempDir, writeTree } from '../generate/fixture';
import { rawTarGz } from './raw-archive';

const base = tempDir();
const scratch = join(base, 'tmp');
mkdirSync(scratch);
// Import unpacks into $TMPDIR: a private one shows every leftover.
setEngineConfig({ tmpDir: scratch });
const store = (home: string) => openStore(home, { bundledDir: join(base, 'no-catalog') });

const lib = writeTree({ 'pack.toml': header('lib-pack', '1.0.0'), 'a.txt': 'a\n' }, join(base, 'lib'));
const app = writeTree(
  { 'pack.toml': header('app-pack', '2.0.0') + '[dependencies]\nlib-pack = "^1.0.0"\n', 'b.txt': 'b\n' },
  join(base, 'app'),
);
const good = bundleEntries([loadPack(lib), loadPack(app)]);

/** A bundle from the good one: its manifest changed by `change`, its entries by `move` (both optional). */
function variant(name: string, change: (m: BundleManifest) => void, move: (e: BundleEntry[]) => BundleEntry[] = (e) => e) {
  const m = structuredClone(good.manifest);
  change(m);
  const file = join(base, `${name}.tar.gz`);
  // Written as given (a second copy of a path included), not through writeBundle's folder.
  const entries = [{ path: 'ggen-bundle.json', data: Buffer.from(JSON.stringify(m)), mode: 0o644 }, ...move(good.entries.slice(1))];
  writeFileSync(file, rawTarGz(entries));
  return file;
}

/** Renames the folder `from` to `to` in the entries and in the files map. */
const renameDir = (from: string, to: string) => ({
  manifest: (m: BundleManifest) => {
    m.files = Object.fromEntries(Object.entries(m.files).map(([p, h]) => [p.replace(from, to), h]));
  },
  entries: (es: BundleEntry[]) => es.map((e) => ({ ...e, path: e.path.replace(from, to) })),
});

const LIB = 'packs/lib-pack@1.0.0';

const cases: [string, string, (m: BundleManifest) => void, ((e: BundleEntry[]) => BundleEntry[])?, number?][] = [
  ['name-dotdot', String.raw`packs\[0\]: the pack name "\.\./\.\./x" is not a pack name`, (m) => (m.packs[0]!.name = '../../x')],
  ['name-absolute', String.raw`packs\[0\]: the pack name "/etc/x" is not a pack name`, (m) => (m.packs[0]!.name = '/etc/x')],
  ['name-separator', String.raw`packs\[1\]: the pack name "app/pack" is not a pack name`, (m) => (m.packs[1]!.name = 'app/pack')],
  [
    'name-not-string',
    String.raw`packs\[0\]: the pack name \{"x":1\} is not a pack name`,
    (m) => ((m.packs[0] as unknown as { name: unknown }).name = { x: 1 }),
  ],
  [
    'version-path',
    String.raw`packs\[0\]: the version "1\.0\.0/\.\./\.\." of lib-pack is not a semver version`,
    (m) => (m.packs[0]!.version = '1.0.0/../..'),
  ],
  ['dir-absolute', String.raw`the pack folder "/tmp/x" of lib-pack points outside the bundle`, (m) => (m.packs[0]!.dir = '/tmp/x')],
  [
    'dir-dotdot',
    String.raw`the pack folder "packs/\.\./\.\./x" of lib-pack points outside the bundle`,
    (m) => (m.packs[0]!.dir = 'packs/../../x'),
  ],
  [
    'dir-of-another-pack',
    String.raw`packs\[0\]: lib-pack@1\.0\.0 says its folder is "packs/app-pack@2\.0\.0", not "packs/lib-pack@1\.0\.0"`,
    (m) => (m.packs[0]!.dir = 'packs/app-pack@2.0.0'),
  ],
  [
    'name-maps-to-another-folder',
    String.raw`packs\[0\]: lib-pack@1\.0\.0 says its folder is "packs/evil@9\.9\.9", not "packs/lib-pack@1\.0\.0"`,
    (m) => {
      renameDir(LIB, 'packs/evil@9.9.9').manifest(m);
      m.packs[0]!.dir = 'packs/evil@9.9.9';
    },
    renameDir(LIB, 'packs/evil@9.9.9').entries,
  ],
  [
    'version-disagrees-with-folder',
    String.raw`packs\[0\]: lib-pack@1\.0\.1 says its folder is "packs/lib-pack@1\.0\.0", not "packs/lib-pack@1\.0\.1"`,
    (m) => (m.packs[0]!.version = '1.0.1'),
  ],
  [
    'integrity-missing',
    String.raw`packs\[0\]: lib-pack@1\.0\.0 has no sha512 integrity \("sha1-x"\)`,
    (m) => (m.packs[0]!.integrity = 'sha1-x'),
  ],
  ['pack-twice', String.raw`packs\[1\]: lib-pack is listed twice`, (m) => m.packs.splice(1, 0, structuredClone(m.packs[0]!))],
  [
    // On a case-insensitive disk (macOS, Windows) both folders are one: the second would overwrite the first.
    'folders-equal-but-for-case',
    String.raw`packs\[1\]: the folder packs/LIB-PACK@1\.0\.0 is listed twice`,
    (m) => {
      m.packs.splice(1, 0, { ...m.packs[0]!, name: 'LIB-PACK', dir: 'packs/LIB-PACK@1.0.0' });
      for (const [p, h] of Object.entries(m.files)) if (p.startsWith(LIB)) m.files[p.replace(LIB, 'packs/LIB-PACK@1.0.0')] = h;
    },
    (es) => [...es, ...es.filter((e) => e.path.startsWith(LIB)).map((e) => ({ ...e, path: e.path.replace(LIB, 'packs/LIB-PACK@1.0.0') }))],
  ],
  [
    'file-in-no-pack',
    String.raw`lists "packs/other@1\.0\.0/a\.txt", which is in no listed pack's folder`,
    renameDir(`${LIB}/a.txt`, 'packs/other@1.0.0/a.txt').manifest,
    renameDir(`${LIB}/a.txt`, 'packs/other@1.0.0/a.txt').entries,
  ],
  [
    'file-at-the-root',
    String.raw`lists "a\.txt", which is in no listed pack's folder`,
    renameDir(`${LIB}/a.txt`, 'a.txt').manifest,
    renameDir(`${LIB}/a.txt`, 'a.txt').entries,
  ],
  [
    'entry-twice',
    String.raw`checksum mismatch — the archive holds packs/lib-pack@1\.0\.0/a\.txt more than once`,
    () => {},
    (es) => [...es, { path: `${LIB}/a.txt`, data: Buffer.from('replaced\n'), mode: 0o644 }],
    2,
  ],
];

test('every kind of lying bundle metadata is refused, naming the entry, with nothing written', async () => {
  const home = join(base, 'home');
  // An installed pack, so "the index is unchanged" is a real comparison.
  const other = writeTree({ 'pack.toml': header('other-pack', '3.0.0') }, join(base, 'other'));
  await installPack(store(home), other, undefined);
  const before = snapshotTree(home);
  assert.ok(before.has('packs/index.jsonl'));

  for (const [name, message, change, move, exit = 6] of cases) {
    const file = variant(name, change, move);
    await assert.rejects(
      importBundle(store(home), file),
      (e: unknown) => e instanceof PackError && e.exitCode === exit && new RegExp(message).test(e.message),
      name,
    );
    assert.deepEqual(snapshotTree(home), before, `${name}: $GGEN_HOME is unchanged`);
    assert.deepEqual(readdirSync(scratch), [], `${name}: no scratch folder is left`);
  }
  assert.ok(!existsSync(join(base, 'x')) && !existsSync('/tmp/x/pack.toml'), 'nothing was written outside');

  // The unchanged bundle imports, dependencies first.
  const r = await importBundle(
    store(home),
    variant('good', () => {}),
  );
  assert.deepEqual(
    r.steps.map((s) => `${s.name}@${s.version}:${s.action}`),
    ['lib-pack@1.0.0:install', 'app-pack@2.0.0:install'],
  );
  assert.deepEqual(readdirSync(scratch), []);
});

test('a bundle whose packs are listed dependents first is installed dependencies first; one missing a dependency installs nothing', async () => {
  const home = join(base, 'order-home');
  const reversed = variant('reversed', (m) => m.packs.reverse());
  // Reversed, the "exported" (last) pack is lib-pack: app-pack is outside its closure and goes first.
  const r = await importBundle(store(home), reversed);
  assert.deepEqual(
    r.steps.map((s) => `${s.name}@${s.version}`),
    ['app-pack@2.0.0', 'lib-pack@1.0.0'],
  );

  // Two packs, and the exported one (app-pack) needs lib-pack, which neither the bundle nor any
  // source has: a resolution error before anything is written.
  const lone = join(base, 'lone-home');
  const third = writeTree({ 'pack.toml': header('third-pack', '1.0.0') + '[dependencies]\nghost-pack = "^1"\n' }, join(base, 'third'));
  const withGhost = bundleEntries([loadPack(third), loadPack(app)]);
  const ghost = join(base, 'ghost.tar.gz');
  writeBundle(ghost, withGhost.entries);
  await assert.rejects(
    importBundle(store(lone), ghost),
    (e: unknown) => e instanceof PackError && e.exitCode === 3 && /lib-pack/.test(e.message),
  );
  assert.ok(!existsSync(join(lone, 'packs/index.jsonl')), 'nothing was installed');
  assert.deepEqual(readdirSync(scratch), []);
});
