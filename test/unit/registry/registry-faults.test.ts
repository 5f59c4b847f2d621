// File-system faults in the local registry lose nothing: a full disk at any point of an install, a reinstall, an
// import or an uninstall, a read-only registry, a failed move, a rollback that cannot finish and a kill each leave
// $GGEN_HOME byte for byte as it was (or recoverable by the next run), with a true message and exit 4 (6 for
// EACCES/EPERM). Real faults: $GGEN_HOME on a small tmpfs filled to an exact number of free 4 KiB pages
// (test/support/fs-faults.ts). Where this machine cannot mount, each fault test asserts the read-only variant instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importBundle } from '../../../engine/archive/import-bundle';
import { bundleEntries, writeBundle } from '../../../engine/archive/write-bundle';
import { setEngineConfig } from '../../../engine/config';
import { PackError } from '../../../engine/errors';
import { installPack } from '../../../engine/registry/install';
import { journalFile, lockFile } from '../../../engine/registry/paths';
import { resolvePackArg } from '../../../engine/registry/resolve-arg';
import { openStore } from '../../../engine/registry/store';
import { uninstallPack } from '../../../engine/registry/uninstall';
import { resolveGraph } from '../../../engine/resolve';
import { canMount, diffTrees, fillTo, makeReadOnly, mountTmpfs, removeFiller, snapshotTree } from '../../support/fs-faults';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CATALOG = join(ROOT, 'examples/packs');
const TMPFS = canMount();
const PAGE = 4096;
const NO_SPACE = /no space left on the device \(ENOSPC\)/;

function cli(home: string, args: string[], opts: { spaceCheck?: boolean } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: CATALOG, GGEN_NO_CODE_CACHE: '1', NO_COLOR: '1' };
  if (opts.spaceCheck) delete env.GGEN_NO_SPACE_CHECK;
  else env.GGEN_NO_SPACE_CHECK = '1';
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const store = (home: string) => openStore(home, { bundledDir: CATALOG });

/** The tree of $GGEN_HOME without the caches (list rewrites them; they are not the registry). */
function tree(home: string): Map<string, string> {
  return new Map([...snapshotTree(home)].filter(([p]) => p !== 'cache' && !p.startsWith('cache/')));
}

/** What `list --installed` shows, read by the engine as any verb reads it. */
const installed = (home: string) =>
  store(home)
    .summaries('local')
    .map((s) => `${s.name}@${s.version}`);

/** The real CLI's `list --installed --format json`: must work after every failure. */
function cliInstalled(home: string): string[] {
  const r = cli(home, ['list', '--installed', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { data: { name: string; version: string }[] }).data.map((s) => `${s.name}@${s.version}`);
}

/** A failed CLI run: the exit code, a one-paragraph message (no stack), the cause named. */
function assertCliFailure(r: ReturnType<typeof cli>, code: number, cause: RegExp, state: RegExp) {
  assert.equal(r.code, code, r.stderr);
  assert.match(r.stderr, cause);
  assert.match(r.stderr, state);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

/** A $GGEN_HOME on a fresh tmpfs (or a plain temp folder where mounting is impossible), prepared with normal space. */
async function faultHome(prepare: (home: string) => Promise<void>) {
  const m = TMPFS ? mountTmpfs(2048) : null;
  const fsRoot = m ? m.dir : tempDir('registry-faults-');
  const home = join(fsRoot, 'home');
  await prepare(home);
  cliInstalled(home); // warm the caches the CLI writes, so they are not what the faults hit
  return {
    home,
    fsRoot,
    done() {
      if (m) m.unmount();
      else rmSync(fsRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `op` with 0, 1, 2, … free pages until it succeeds. After each failure: exit 4, ENOSPC named, the state
 * `outcome` stated, the tree identical, the registry still readable (the engine every time, the CLI at a few
 * positions, where `cliOp` also runs the same change through the real CLI). Returns the failure count and sites.
 */
async function stepFreeSpace(
  env: { home: string; fsRoot: string },
  op: () => Promise<unknown>,
  outcome: RegExp,
  cliOp: string[],
): Promise<{ failures: number; sites: Set<string> }> {
  const before = tree(env.home);
  const list = installed(env.home);
  const sites = new Set<string>();
  setEngineConfig({ spaceCheck: false });
  try {
    for (let pages = 0; pages < 200; pages++) {
      fillTo(env.fsRoot, pages * PAGE);
      let error: unknown = null;
      try {
        await op();
      } catch (err) {
        error = err;
      }
      if (error === null) {
        removeFiller(env.fsRoot);
        return { failures: pages, sites };
      }
      const where = `with ${pages} free page(s)`;
      assert.ok(error instanceof PackError, `${where}: a PackError, not ${error instanceof Error ? error.stack : JSON.stringify(error)}`);
      assert.equal(error.exitCode, 4, `${where}: ${error.message}`);
      assert.match(error.message, NO_SPACE, where);
      assert.match(error.message, outcome, where);
      sites.add(/failed while (.*?)(?: \(|:)/.exec(error.message)?.[1] ?? error.message);
      assert.deepEqual(diffTrees(before, tree(env.home)), [], `${where}: ${error.message}`);
      assert.deepEqual(installed(env.home), list, where);
      if (pages % 12 === 0) {
        assertCliFailure(cli(env.home, cliOp), 4, NO_SPACE, outcome);
        assert.deepEqual(diffTrees(before, tree(env.home)), [], `${where}, CLI`);
        assert.deepEqual(cliInstalled(env.home), list, `${where}, CLI list`);
      }
    }
    throw new Error('never succeeded');
  } finally {
    removeFiller(env.fsRoot);
    setEngineConfig({ spaceCheck: true });
  }
}

/** Without a tmpfs: the same change into a read-only registry fails cleanly (EROFS, or EACCES when not root). */
function readOnlyVariant(home: string, args: string[], state: RegExp) {
  const before = tree(home);
  const list = cliInstalled(home);
  const undo = makeReadOnly(join(home, 'packs'));
  try {
    const r = cli(home, args);
    assertCliFailure(r, undo.kind === 'bind' ? 4 : 6, /read-only \(EROFS\)|permission denied \(EACCES\)/, state);
    assert.deepEqual(diffTrees(before, tree(home)), []);
    assert.deepEqual(cliInstalled(home), list);
  } finally {
    undo();
  }
}

const leftovers = (home: string) => readdirSync(join(home, 'packs')).filter((n) => n.startsWith('.'));

test('a full disk at every point of installing a pack with dependencies installs nothing', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'rust-cli', undefined);
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack'], /nothing was installed/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      () => installPack(store(env.home), 'startup-pack', undefined),
      /nothing was installed and the registry is as it was/,
      ['install', 'startup-pack'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    for (const site of [
      'copying devops-pack@2.1.0',
      'copying monitoring-pack@1.1.0',
      'copying startup-pack@1.2.0',
      'writing the new index',
    ])
      assert.ok(sites.has(site), `${site} in ${[...sites].join(', ')}`);
    assert.deepEqual(installed(env.home), ['devops-pack@2.1.0', 'monitoring-pack@1.1.0', 'rust-cli@1.0.0', 'startup-pack@1.2.0']);
    assert.deepEqual(leftovers(env.home), []);
  } finally {
    env.done();
  }
});

test('a full disk at every point of a reinstall (install --force) keeps the installed copy', async (t) => {
  // startup-pack alone installed: --force replaces it and installs its two dependencies.
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack', '--force'], /nothing was installed/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      async () => {
        const r = await installPack(store(env.home), 'startup-pack', undefined, { force: true });
        assert.equal(r.steps.find((s) => s.name === 'startup-pack')?.action, 'reinstall');
      },
      /nothing was installed and the registry is as it was/,
      ['install', 'startup-pack', '--force'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    assert.equal(installed(env.home).length, 3);
    assert.deepEqual(leftovers(env.home), []);
  } finally {
    env.done();
  }
});

test('a full disk at every point of an import installs none of the bundle', async (t) => {
  const bundle = join(tempDir('registry-faults-bundle-'), 'startup.tar.gz');
  const s = store(tempDir());
  const packs = resolveGraph(s, resolvePackArg(s, ROOT, 'startup-pack')).packs;
  writeBundle(bundle, bundleEntries(packs).entries);
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['import', bundle, '--force'], /nothing was imported/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      () => importBundle(store(env.home), bundle, { force: true }),
      /nothing was imported and the registry is as it was/,
      ['import', bundle, '--force'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    assert.deepEqual(installed(env.home), ['devops-pack@2.1.0', 'monitoring-pack@1.1.0', 'startup-pack@1.2.0']);
    assert.match(readFileSync(join(env.home, 'packs', 'index.jsonl'), 'utf8'), /"from":"bundle:/);
  } finally {
    env.done();
    rmSync(dirname(bundle), { recursive: true, force: true });
  }
});

test('a full disk during uninstall removes nothing; a read-only registry refuses install and uninstall', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined);
  });
  try {
    if (TMPFS) {
      const { failures, sites } = await stepFreeSpace(
        env,
        () => Promise.resolve(uninstallPack(store(env.home), 'startup-pack')),
        /nothing was uninstalled and the registry is as it was/,
        ['uninstall', 'startup-pack'],
      );
      t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
      assert.ok(failures >= 1);
      assert.deepEqual(installed(env.home), []);
      assert.deepEqual(leftovers(env.home), []);
      await installPack(store(env.home), 'startup-pack', undefined);
    }
    readOnlyVariant(env.home, ['install', 'rust-cli'], /nothing was installed/);
    readOnlyVariant(env.home, ['uninstall', 'startup-pack'], /nothing was uninstalled/);
  } finally {
    env.done();
  }
});

test('with the space check on, a too-full disk is refused up front', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'rust-cli', undefined);
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack'], /nothing was installed/);
    }
    const before = tree(env.home);
    fillTo(env.fsRoot, 16 * PAGE);
    const r = cli(env.home, ['install', 'startup-pack'], { spaceCheck: true });
    assertCliFailure(
      r,
      4,
      /Not enough space for installing startup-pack@1\.2\.0 into .*packs: it needs about \d+ KB, and its file system has 64 KB free\./,
      /Nothing was installed\./,
    );
    assert.doesNotMatch(r.stderr, /^installing /m, 'refused before copying anything');
    assert.deepEqual(diffTrees(before, tree(env.home)), []);
    assert.deepEqual(cliInstalled(env.home), ['rust-cli@1.0.0']);
  } finally {
    removeFiller(env.fsRoot);
    env.done();
  }
});

/** Makes the journal look like a killed process's: its writer pid dead, and a lock left behind by it. */
function asIfKilled(home: string) {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  const journal = JSON.parse(readFileSync(journalFile(home), 'utf8')) as { pid: number };
  writeFileSync(journalFile(home), JSON.stringify({ ...journal, pid: dead }));
  symlinkSync(JSON.stringify({ pid: dead, time: Date.now() }), lockFile(home));
}

test('a kill before any move of a reinstall: the next list rolls back to the old state', async () => {
  const home = join(tempDir(), 'home');
  await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  assert.deepEqual(cliInstalled(home), ['startup-pack@1.2.0']);
  const before = tree(home);
  let moves = Infinity;
  for (let k = 0; k < moves; k++) {
    await installPack(store(home), 'startup-pack', undefined, { force: true, beforeMove: (i) => (i === k ? 'crash' : undefined) });
    assert.ok(existsSync(journalFile(home)), `crash before move ${k}: the journal stays`);
    moves = (JSON.parse(readFileSync(journalFile(home), 'utf8')) as { moves: unknown[] }).moves.length;
    asIfKilled(home);
    assert.deepEqual(cliInstalled(home), ['startup-pack@1.2.0'], `crash before move ${k}`);
    assert.deepEqual(diffTrees(before, tree(home)), [], `crash before move ${k}`);
  }
  assert.equal(moves, 6, 'two installs, one folder aside, one in, the index aside and in');

  // A real kill -9 in the middle of the moves, in another process.
  const script = `
    const { openStore } = require(${JSON.stringify(join(ROOT, 'engine/registry/store.ts'))});
    const { installPack } = require(${JSON.stringify(join(ROOT, 'engine/registry/install.ts'))});
    installPack(openStore(${JSON.stringify(home)}, { bundledDir: ${JSON.stringify(CATALOG)} }), 'startup-pack', undefined, {
      force: true,
      beforeMove: (i) => { if (i === 3) process.kill(process.pid, 'SIGKILL'); },
    });`;
  const killed = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(killed.signal, 'SIGKILL', killed.stderr);
  assert.ok(existsSync(journalFile(home)), 'the journal stays');
  assert.ok(lstatSync(lockFile(home)).isSymbolicLink(), 'the lock stays, as a kill leaves it');
  assert.deepEqual(cliInstalled(home), ['startup-pack@1.2.0']);
  assert.deepEqual(diffTrees(before, tree(home)), []);
});

test('a kill is rolled back by the next run even on a full disk (a read-only one says why it cannot)', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  });
  try {
    const before = tree(env.home);
    await installPack(store(env.home), 'startup-pack', undefined, { force: true, beforeMove: (i) => (i === 3 ? 'crash' : undefined) });
    asIfKilled(env.home);
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      const undo = makeReadOnly(join(env.home, 'packs'));
      try {
        assertCliFailure(
          cli(env.home, ['list', '--installed']),
          undo.kind === 'bind' ? 4 : 6,
          /cannot be rolled back/,
          /Nothing was changed/,
        );
      } finally {
        undo();
      }
    } else fillTo(env.fsRoot, 0);
    // The lock is a short symbolic link and the rollback renames only: neither needs a free block.
    assert.deepEqual(cliInstalled(env.home), ['startup-pack@1.2.0']);
    assert.deepEqual(diffTrees(before, tree(env.home)), []);
  } finally {
    removeFiller(env.fsRoot);
    env.done();
  }
});

test('a failed move is undone; a rollback that cannot finish says where the old pack is, and the next run finishes it', async () => {
  const home = join(tempDir(), 'home');
  await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  const before = tree(home);

  // The new index cannot go in (EIO): every move before it is undone.
  const eio = Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
  await assert.rejects(
    installPack(store(home), 'startup-pack', undefined, {
      force: true,
      beforeMove: (i) => {
        if (i === 5) throw eio;
      },
    }),
    (e: unknown) =>
      e instanceof PackError &&
      e.exitCode === 4 &&
      /failed while moving the new index into place: an input\/output error .*\(EIO\); every step was undone: nothing was installed and the registry is as it was\./.test(
        e.message,
      ),
  );
  assert.deepEqual(diffTrees(before, tree(home)), []);

  // Another process fills the staging folder while the index is being put aside: undoing the reinstall cannot
  // put the new copy back into its (no longer empty) staging slot, so the old copy stays where it was put aside.
  let staging = '';
  await assert.rejects(
    installPack(store(home), 'startup-pack', undefined, {
      force: true,
      beforeMove: (i, m) => {
        if (i === 2) staging = dirname(m.to);
        if (i === 4) {
          mkdirSync(join(staging, '2'));
          writeFileSync(join(staging, '2', 'intruder'), 'x');
          throw eio;
        }
      },
    }),
    (e: unknown) => {
      assert.ok(e instanceof PackError, String(e));
      assert.equal(e.exitCode, 4);
      assert.match(e.message, /failed while putting the old index aside \(an input\/output error/);
      assert.match(e.message, /undoing it could not finish/);
      assert.ok(e.message.includes(`${join(home, 'packs', 'startup-pack@1.2.0')} is safe in ${join(staging, 'old-2')}`), e.message);
      assert.match(e.message, /The next ggen-pack command finishes the recovery\./);
      assert.equal(e.issues[0]?.code, 'packs/rollback-incomplete');
      return true;
    },
  );
  asIfKilled(home);
  // Until the cause is gone, readers refuse with the same truth rather than read a half-changed registry.
  const stuck = cli(home, ['list', '--installed']);
  assertCliFailure(stuck, 4, /cannot be rolled back yet/, /is safe in .*old-2/);
  rmSync(join(staging, '2'), { recursive: true });
  assert.deepEqual(cliInstalled(home), ['startup-pack@1.2.0']);
  assert.deepEqual(diffTrees(before, tree(home)), []);
});

test("readers sweep dead writers' scratch folders and keep live ones'", async () => {
  const home = join(tempDir(), 'home');
  await installPack(store(home), 'rust-cli', undefined);
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  for (const n of [`.tmp-${dead}-aaaa`, `.trash-${dead}-bbbb`, `.tmp-${process.pid}-cccc`])
    mkdirSync(join(home, 'packs', n, 'x'), { recursive: true });
  writeFileSync(join(home, 'packs', `.tmp-${dead}-dddd.jsonl`), 'partial');
  assert.deepEqual(cliInstalled(home), ['rust-cli@1.0.0']);
  assert.deepEqual(leftovers(home), [`.tmp-${process.pid}-cccc`]);
});

test('import refuses a bundle whose pack folder leaves it or has no manifest', async () => {
  const base = tempDir('registry-faults-import-');
  const s = store(join(base, 'src'));
  const { entries, manifest } = bundleEntries([resolvePackArg(s, ROOT, 'devops-pack')]);
  const rewrite = (name: string, change: (m: typeof manifest) => void) => {
    const m = structuredClone(manifest);
    change(m);
    const file = join(base, name);
    writeBundle(file, [{ path: 'ggen-bundle.json', data: Buffer.from(JSON.stringify(m)), mode: 0o644 }, ...entries.slice(1)]);
    return file;
  };
  const home = join(base, 'home');
  const outside = rewrite('outside.tar.gz', (m) => (m.packs[0]!.dir = '../..'));
  await assert.rejects(
    importBundle(store(home), outside),
    (e: unknown) => e instanceof PackError && e.exitCode === 6 && /points outside the bundle/.test(e.message),
  );
  const noManifest = rewrite('nomanifest.tar.gz', (m) => (m.packs[0]!.dir = 'packs'));
  await assert.rejects(
    importBundle(store(home), noManifest),
    (e: unknown) => e instanceof PackError && e.exitCode === 2 && /has no manifest listed/.test(e.message),
  );
  assert.ok(!existsSync(join(home, 'packs')));
});
