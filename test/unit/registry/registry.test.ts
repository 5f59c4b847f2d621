import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotFoundError, PermissionError, ResolutionError, ValidationError } from '../../../engine/errors';
import { installPack } from '../../../engine/registry/install';
import { packIntegrity } from '../../../engine/registry/integrity';
import { indexFile, readIndex } from '../../../engine/registry/local-index';
import { resolvePackArg } from '../../../engine/registry/resolve-arg';
import { searchPacks } from '../../../engine/registry/search-index';
import { openStore } from '../../../engine/registry/store';
import { uninstallPack } from '../../../engine/registry/uninstall';
import { resolveGraph } from '../../../engine/resolve';
import { type FixturePack, makeCatalog, tempDir, writePack } from './helpers';

const CATALOG: FixturePack[] = [
  {
    name: 'startup-pack',
    version: '1.2.0',
    deps: { 'devops-pack': '^2.0.0', 'monitoring-pack': '^1.0.0' },
    category: 'startup',
    tags: ['microservice', 'node'],
    description: 'Full-stack startup with a microservice API',
    templates: ['api', 'web'],
  },
  { name: 'devops-pack', version: '2.1.0', deps: { 'monitoring-pack': '^1.1.0' }, category: 'devops', tags: ['docker'] },
  { name: 'devops-pack', version: '3.0.0', category: 'devops' },
  { name: 'monitoring-pack', version: '1.0.0', category: 'monitoring' },
  { name: 'monitoring-pack', version: '1.3.0', category: 'monitoring', tags: ['prometheus'] },
  { name: '@acme/scoped', version: '0.2.0', description: 'A scoped pack' },
];
const setup = () => {
  const catalog = makeCatalog(CATALOG);
  const home = tempDir();
  return { catalog, home, store: openStore(home, { bundledDir: catalog }) };
};

/** The index file read strictly: the header's count matches and every line is a JSON entry. */
function readIndexStrict(home: string): {
  header: { count: number; stamp: string };
  packs: { name: string; version: string; explicit: boolean; integrity: string }[];
} {
  const [headerLine, ...entryLines] = readFileSync(indexFile(home), 'utf8').trimEnd().split('\n');
  assert.ok(headerLine, 'the index file has a header line');
  const header = JSON.parse(headerLine);
  const packs = entryLines.map((l) => JSON.parse(l));
  assert.equal(header.count, packs.length);
  return { header, packs };
}

test('bundled catalog: summaries are the newest version per name, sorted', () => {
  const { store } = setup();
  const rows = store.summaries();
  assert.deepEqual(
    rows.map((r) => `${r.name}@${r.version}:${r.source}:${r.installed}`),
    [
      '@acme/scoped@0.2.0:bundled:false',
      'devops-pack@3.0.0:bundled:false',
      'monitoring-pack@1.3.0:bundled:false',
      'startup-pack@1.2.0:bundled:false',
    ],
  );
  assert.deepEqual(Object.keys(rows[0] ?? {}).sort(), [
    'category',
    'description',
    'installed',
    'name',
    'source',
    'tags',
    'title',
    'version',
  ]);
  assert.equal(store.find('devops-pack', '^2.0.0')?.version, '2.1.0');
  assert.equal(store.find('devops-pack', '^4.0.0'), null);
});

test('resolvePackArg: names, name@range, scoped names, paths, conflicts and not-found', () => {
  const { store, catalog } = setup();
  assert.equal(resolvePackArg(store, '/', 'devops-pack@^2').version, '2.1.0');
  assert.equal(resolvePackArg(store, '/', 'devops-pack', '3.0.0').version, '3.0.0');
  assert.equal(resolvePackArg(store, '/', '@acme/scoped').name, '@acme/scoped');
  const p = resolvePackArg(store, catalog, './startup-pack-1.2.0');
  assert.equal(p.source, 'path');
  assert.equal(p.dir, resolve(catalog, 'startup-pack-1.2.0'));
  assert.throws(() => resolvePackArg(store, '/', 'devops-pack@^2', '^3'), ValidationError);
  assert.throws(() => resolvePackArg(store, '/', 'devops-pack@bogus!'), ValidationError);
  assert.throws(
    () => resolvePackArg(store, '/', 'startp-pack'),
    (e: unknown) => e instanceof NotFoundError && e.exitCode === 7 && /startup-pack/.test(e.hint ?? ''),
  );
  assert.throws(() => resolvePackArg(store, '/', 'devops-pack@^9'), /available: 3\.0\.0, 2\.1\.0/);
});

test('resolveGraph over the store: closure with dependencies first, each once', () => {
  const { store } = setup();
  const g = resolveGraph(store, resolvePackArg(store, '/', 'startup-pack'));
  assert.deepEqual(
    g.packs.map((p) => `${p.name}@${p.version}`),
    ['monitoring-pack@1.3.0', 'devops-pack@2.1.0', 'startup-pack@1.2.0'],
  );
});

test('install copies the closure, records explicit vs dependency and integrity; uninstall cascades', async () => {
  const { store, home, catalog } = setup();
  const r = await installPack(store, 'startup-pack', undefined);
  assert.deepEqual(
    r.steps.map((s) => `${s.name}@${s.version}:${s.action}:${s.from}:${s.explicit}`),
    ['monitoring-pack@1.3.0:install:bundled:false', 'devops-pack@2.1.0:install:bundled:false', 'startup-pack@1.2.0:install:bundled:true'],
  );
  const idx = readIndexStrict(home);
  assert.equal(idx.packs.length, 3);
  const sp = idx.packs.find((e) => e.name === 'startup-pack')!;
  assert.equal(sp.explicit, true);
  assert.equal(sp.integrity, packIntegrity(join(catalog, 'startup-pack-1.2.0')));
  assert.equal(sp.integrity, packIntegrity(join(home, 'packs', 'startup-pack@1.2.0')));
  assert.match(sp.integrity, /^sha512-[A-Za-z0-9+/]+=*$/);
  assert.ok(existsSync(join(home, 'packs', 'startup-pack@1.2.0', 'templates', 'api', 'README.md.mustache')));
  assert.equal(store.summaries('local').length, 3);
  assert.equal(store.find('startup-pack')?.source, 'local', 'tie → installed copy wins');

  // Installing again skips; a dependency that is then asked for becomes explicit.
  const again = await installPack(store, 'monitoring-pack', '^1.0.0');
  assert.deepEqual(
    again.steps.map((s) => s.action),
    ['skip'],
  );
  assert.equal(readIndex(home).packs.find((e) => e.name === 'monitoring-pack')?.explicit, true);

  // Others depend on devops-pack: refused without --force.
  assert.throws(
    () => uninstallPack(store, 'devops-pack'),
    (e: unknown) => e instanceof ResolutionError && /startup-pack@1\.2\.0/.test(e.message),
  );
  // Removing startup-pack removes devops-pack (a dependency only) but keeps monitoring-pack (now explicit).
  const u = uninstallPack(store, 'startup-pack');
  assert.deepEqual(
    u.removed.map((x) => `${x.name}:${x.reason}`),
    ['startup-pack:requested', 'devops-pack:unused dependency'],
  );
  assert.deepEqual(
    readIndex(home).packs.map((e) => e.name),
    ['monitoring-pack'],
  );
  assert.ok(!existsSync(join(home, 'packs', 'devops-pack@2.1.0')));
  assert.throws(() => uninstallPack(store, 'startup-pack'), NotFoundError);
});

test('uninstall --keep-dependencies and --force', async () => {
  const { store, home } = setup();
  await installPack(store, 'startup-pack', undefined);
  const forced = uninstallPack(store, 'monitoring-pack', { force: true, keepDependencies: true });
  assert.deepEqual(forced.brokenDependents.sort(), ['devops-pack@2.1.0', 'startup-pack@1.2.0']);
  const kept = uninstallPack(store, 'startup-pack', { keepDependencies: true });
  assert.deepEqual(
    kept.removed.map((x) => x.name),
    ['startup-pack'],
  );
  assert.deepEqual(
    readIndex(home).packs.map((e) => e.name),
    ['devops-pack'],
  );
});

test('install --no-dependencies, --dry-run, --force and scoped names', async () => {
  const { store, home } = setup();
  const dry = await installPack(store, 'startup-pack', undefined, { dryRun: true });
  assert.equal(dry.steps.length, 3);
  assert.ok(!existsSync(join(home, 'packs')), 'dry run writes nothing');
  const alone = await installPack(store, 'startup-pack', undefined, { noDependencies: true });
  assert.deepEqual(
    alone.steps.map((s) => s.name),
    ['startup-pack'],
  );
  const forced = await installPack(store, 'startup-pack', undefined, { noDependencies: true, force: true });
  assert.deepEqual(
    forced.steps.map((s) => s.action),
    ['reinstall'],
  );
  await installPack(store, '@acme/scoped', undefined);
  assert.ok(existsSync(join(home, 'packs', '@acme+scoped@0.2.0', 'pack.toml')));
  assert.equal(store.find('@acme/scoped')?.source, 'local');
});

test('install from a path; symlinks escaping the pack and unsafe names are refused', async () => {
  const { store, home } = setup();
  const src = tempDir('packs-src-');
  const ok = writePack(src, { name: 'local-thing', version: '1.0.0', files: { 'data/a.txt': 'A' } });
  symlinkSync(join(ok, 'data', 'a.txt'), join(ok, 'inside-link.txt'));
  const r = await installPack(store, ok, undefined, { cwd: '/' });
  assert.equal(r.steps[0]?.from, `path:${ok}`);
  assert.equal(readFileSync(join(home, 'packs', 'local-thing@1.0.0', 'inside-link.txt'), 'utf8'), 'A');

  const evil = writePack(src, { name: 'evil', version: '1.0.0' });
  writeFileSync(join(src, 'secret.txt'), 'secret');
  symlinkSync(join(src, 'secret.txt'), join(evil, 'leak.txt'));
  await assert.rejects(installPack(store, evil, undefined, { cwd: '/' }), (e: unknown) => e instanceof PermissionError && e.exitCode === 6);
  assert.ok(!existsSync(join(home, 'packs', 'evil@1.0.0')));

  const escape = writePack(src, { name: '../../escape', version: '1.0.0' }, 'escape');
  await assert.rejects(installPack(store, escape, undefined, { cwd: '/' }), PermissionError);
  assert.ok(!existsSync(join(home, 'escape@1.0.0')));
});

test('a corrupt or missing index is rebuilt from the folders; stray folders are noticed', async () => {
  const { store, home, catalog } = setup();
  await installPack(store, 'startup-pack', undefined);
  writeFileSync(indexFile(home), '{ this is not json');
  const rebuilt = readIndex(home);
  assert.deepEqual(rebuilt.packs.map((e) => e.name).sort(), ['devops-pack', 'monitoring-pack', 'startup-pack']);
  assert.equal(rebuilt.packs.find((e) => e.name === 'startup-pack')?.integrity, packIntegrity(join(catalog, 'startup-pack-1.2.0')));
  assert.equal(readIndexStrict(home).packs.length, 3);

  // Missing index, and a folder added by hand: both picked up.
  writePack(join(home, 'packs'), { name: 'hand-made', version: '0.1.0' }, 'hand-made@0.1.0');
  const fresh = openStore(home, { bundledDir: catalog });
  assert.ok(fresh.summaries('local').some((s) => s.name === 'hand-made'));
  const { rmSync } = await import('node:fs');
  rmSync(indexFile(home));
  assert.equal(openStore(home, { bundledDir: catalog }).summaries('local').length, 4);
});

test('two concurrent install processes do not corrupt the index', async () => {
  const catalog = makeCatalog([
    ...Array.from({ length: 6 }, (_, i) => ({ name: `left-${i}`, version: '1.0.0', files: { 'big.txt': 'x'.repeat(20000) } })),
    ...Array.from({ length: 6 }, (_, i) => ({ name: `right-${i}`, version: '1.0.0', files: { 'big.txt': 'y'.repeat(20000) } })),
    { name: 'shared', version: '1.0.0' },
  ]);
  const home = tempDir();
  const script = (side: string) => `
    const { openStore } = require(${JSON.stringify(resolve('engine/registry/store.ts'))});
    const { installPack } = require(${JSON.stringify(resolve('engine/registry/install.ts'))});
    (async () => {
      const store = openStore(${JSON.stringify(home)}, { bundledDir: ${JSON.stringify(catalog)} });
      for (let i = 0; i < 6; i++) { await installPack(store, '${side}-' + i, undefined); await installPack(store, 'shared', undefined); }
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const run = (side: string) =>
    new Promise<number>((res) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script(side)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => res(code ?? 1));
    });
  const codes = await Promise.all([run('left'), run('right')]);
  assert.deepEqual(codes, [0, 0]);
  const idx = readIndexStrict(home);
  assert.equal(idx.packs.length, 13);
  assert.ok(!existsSync(join(home, 'packs', '.lock')));
  for (const e of idx.packs) assert.ok(existsSync(join(home, 'packs', `${e.name}@${e.version}`, 'pack.toml')));
});

test('a stale lock left by a dead process is taken over', async () => {
  const { store, home } = setup();
  mkdirSync(join(home, 'packs'), { recursive: true });
  writeFileSync(join(home, 'packs', '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, time: Date.now() }));
  await installPack(store, 'monitoring-pack', undefined);
  assert.equal(readIndex(home).packs.length, 1);
});

test('search: fuzzy and prefix, template aliases, ranking; large registries use the compact index', () => {
  const { store } = setup();
  assert.equal(searchPacks(store, 'startp microservce')[0]?.summary.name, 'startup-pack');
  assert.equal(searchPacks(store, 'monitor')[0]?.summary.name, 'monitoring-pack');
  assert.equal(searchPacks(store, 'web')[0]?.summary.name, 'startup-pack', 'template alias');
  assert.deepEqual(searchPacks(store, 'zzzzqqq'), []);

  const big = makeCatalog([
    ...CATALOG,
    ...Array.from({ length: 520 }, (_, i) => ({
      name: `filler-${i}`,
      version: '1.0.0',
      description: `Filler pack number ${i} for kafka streams`,
    })),
  ]);
  const home = tempDir();
  // The compact index needs local packs to persist: install one.
  const bigStore = openStore(home, { bundledDir: big });
  return installPack(bigStore, 'monitoring-pack', undefined).then(() => {
    assert.equal(searchPacks(bigStore, 'startp microservce')[0]?.summary.name, 'startup-pack');
    assert.equal(searchPacks(bigStore, 'filler-17')[0]?.summary.name, 'filler-17');
    assert.ok(existsSync(join(home, 'cache', 'search-index-all.json')));
    // Persisted copy is reused and stays correct after the index changes.
    assert.equal(searchPacks(openStore(home, { bundledDir: big }), 'prometheus')[0]?.summary.name, 'monitoring-pack');
  });
});
