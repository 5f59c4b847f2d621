// Registry recovery: kills, failed and unfinishable rollbacks, sweeps of dead writers' scratch, and bundles that leave their folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importBundle } from '../../../engine/archive/import-bundle';
import { bundleEntries, writeBundle } from '../../../engine/archive/write-bundle';
import { PackError } from '../../../engine/errors';
import { installPack } from '../../../engine/registry/install';
import { journalFile, lockFile } from '../../../engine/registry/paths';
import { resolvePackArg } from '../../../engine/registry/resolve-arg';
import { diffTrees, fillTo, makeReadOnly, removeFiller } from '../../support/fs-faults';
import { tempDir } from './helpers';
import { ROOT, CATALOG, TMPFS, cli, store, tree, cliInstalled, assertCliFailure, faultHome, leftovers } from './fault-support';

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
