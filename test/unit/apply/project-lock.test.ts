// The project lock (.packs/lock): taken over from a dead owner, waited for (and then refused, with
// who holds it) from a live one, and never left behind — nor a `.packs` folder made only for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { projectLockPath, withProjectLock } from '../../../engine/apply/project-lock';
import { GenerationError } from '../../../engine/errors';
import { tempDir } from '../generate/fixture';

const lockOf = (pid: number) => JSON.stringify({ pid, time: Date.now() });
// The lock is a symbolic link whose target is its JSON (engine/fs/lock.ts): existsSync would follow it.
const locked = (root: string) => lstatSync(projectLockPath(root), { throwIfNoEntry: false }) !== undefined;

test('a lock whose owner died is taken over, and released after the run', async () => {
  const root = tempDir();
  mkdirSync(join(root, '.packs'));
  symlinkSync(lockOf(999_999_999), projectLockPath(root));
  const seen = await withProjectLock(root, () => locked(root));
  assert.equal(seen, true, 'held during the run');
  assert.equal(locked(root), false, 'released after');
});

test('a lock held by a live process is waited for, said so, then refused with the holder', async () => {
  const root = tempDir();
  mkdirSync(join(root, '.packs'));
  symlinkSync(lockOf(process.ppid), projectLockPath(root)); // the test runner: alive for as long as this test
  const said: string[] = [];
  await assert.rejects(
    withProjectLock(root, () => 'ran', { timeoutMs: 200, log: (m) => said.push(m) }),
    (e: unknown) =>
      e instanceof GenerationError && new RegExp(`Another ggen-pack process \\(pid ${process.ppid}\\) is writing into`).test(e.message),
  );
  assert.deepEqual(said, [`waiting for another ggen-pack process (pid ${process.ppid}) writing into ${root}…`]);
  assert.equal(locked(root), true, "someone else's lock is not ours to remove");
});

test('a failed run in a folder without .packs leaves no .packs behind', async () => {
  const root = tempDir();
  await assert.rejects(
    withProjectLock(root, () => {
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.equal(existsSync(join(root, '.packs')), false);
  // A dry run there takes no lock at all.
  assert.equal(await withProjectLock(root, () => existsSync(join(root, '.packs')), { dryRun: true }), false);
});
