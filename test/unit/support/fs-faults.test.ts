// Proves the fault helpers of test/support/fs-faults.ts against the real kernel: the tmpfs really runs out of space,
// the read-only folder really refuses writes, and unmount really leaves nothing mounted. Where this machine cannot
// mount, each test asserts the documented fallback (chmod when not root, a clean null when root may not mount)
// instead of skipping, so "cannot mount" never passes as "works".
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FILLER,
  bindReadOnly,
  canMount,
  copyTree,
  diffTrees,
  fillTo,
  freeBytes,
  isRoot,
  makeReadOnly,
  mountCount,
  mountTmpfs,
  removeFiller,
  snapshotTree,
} from '../../support/fs-faults';

const TMPFS_MAGIC = 0x01021994;
const PAGE = 4096;

/** Mount points listed in /proc/mounts (octal escapes such as \040 decoded). */
function procMounts(): string[] {
  return readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (l.split(' ')[1] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
}

/** A fresh plain temp folder, removed after the test. */
function tempDir(t: TestContext): string {
  const d = mkdtempSync(join(tmpdir(), 'fs-faults-'));
  t.after(() => {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  });
  return d;
}

/**
 * What a test asserts instead when this machine cannot mount, so that its early return is not a silent pass: canMount()
 * says no, and, when not root, a chmod-read-only folder really refuses writes with EACCES. (As root without mount
 * permission, the assertion is that mountTmpfs returned null without throwing, which the caller has just seen.)
 */
function assertNoMountFallback(t: TestContext): void {
  assert.equal(canMount(), false, 'mountTmpfs returned null although canMount() says mounting works');
  t.diagnostic('cannot mount a tmpfs here: asserted the no-mount fallback instead');
  if (isRoot()) return;
  const dir = tempDir(t);
  const undo = makeReadOnly(dir);
  try {
    assert.equal(undo.kind, 'chmod');
    assert.equal(
      errnoOf(() => writeFileSync(join(dir, 'x'), 'x')),
      'EACCES',
    );
  } finally {
    undo();
  }
}

/** Mounts a tmpfs, unmounted after the test even when it fails; null (after assertNoMountFallback) when it cannot. */
function tmpfs(t: TestContext, sizeKiB: number): string | null {
  const m = mountTmpfs(sizeKiB);
  if (m === null) {
    assertNoMountFallback(t);
    return null;
  }
  assert.equal(canMount(), true, 'mountTmpfs worked although canMount() says no');
  t.after(() => m.unmount());
  return m.dir;
}

/** The errno code an action throws (fails the test when it does not throw). */
function errnoOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code;
  }
  assert.fail('expected the action to fail');
}

test('without mount permission mountTmpfs, bindReadOnly and canMount say no instead of throwing', (t) => {
  if (canMount()) {
    // This machine can mount: the refusal path is the one for non-root, which cannot be provoked as root.
    assert.equal(isRoot(), true, 'only root can mount');
    return;
  }
  assert.doesNotThrow(() => assert.equal(mountTmpfs(400), null));
  assert.doesNotThrow(() => assert.equal(bindReadOnly(tempDir(t)), null));
  assert.equal(canMount(), false, 'the probe is cached and stable');
});

test('mountTmpfs mounts a real tmpfs of the asked size; unmount leaves no mount and no folder, and may be called twice', (t) => {
  const m = mountTmpfs(400);
  if (m === null) return assertNoMountFallback(t);
  try {
    const s = statfsSync(m.dir);
    assert.equal(s.type, TMPFS_MAGIC);
    assert.equal(s.bsize, PAGE);
    assert.equal(s.blocks * s.bsize, 400 * 1024);
    assert.ok(procMounts().includes(m.dir), `${m.dir} in /proc/mounts`);
    assert.equal(mountCount(m.dir), 1);
    assert.equal((statSync(m.dir).mode & 0o7777).toString(8), '755');
  } finally {
    m.unmount();
  }
  assert.ok(!procMounts().includes(m.dir), `${m.dir} still in /proc/mounts`);
  assert.equal(existsSync(m.dir), false);
  assert.doesNotThrow(() => m.unmount());
});

test('unmount also works when a file inside is still open (lazy fallback) and when a read-only bind sits on top', (t) => {
  const m = mountTmpfs(64);
  if (m === null) return assertNoMountFallback(t);
  let fd: number | undefined;
  try {
    writeFileSync(join(m.dir, 'busy'), 'x');
    fd = openSync(join(m.dir, 'busy'), 'r');
    assert.notEqual(bindReadOnly(m.dir), null);
    assert.equal(mountCount(m.dir), 2);
    m.unmount();
    assert.ok(!procMounts().includes(m.dir), 'neither the tmpfs nor the bind mount is left');
    assert.equal(existsSync(m.dir), false);
  } finally {
    if (fd !== undefined) closeSync(fd);
    m.unmount();
  }
});

test('a 400 KiB tmpfs really runs out: ENOSPC past its size, and past what fillTo left', (t) => {
  const dir = tmpfs(t, 400);
  if (dir === null) return;
  assert.equal(
    errnoOf(() => writeFileSync(join(dir, 'huge'), Buffer.alloc(401 * 1024))),
    'ENOSPC',
  );
  rmSync(join(dir, 'huge'));

  fillTo(dir, 64 * 1024);
  assert.equal(freeBytes(dir), 64 * 1024);
  assert.ok(statSync(join(dir, FILLER)).size > 300 * 1024, 'the filler holds the rest');
  assert.equal(
    errnoOf(() => writeFileSync(join(dir, 'big'), Buffer.alloc(64 * 1024 + 1))),
    'ENOSPC',
  );
  // A write that runs out part-way leaves a partial file: code under test has to clean up after ENOSPC.
  assert.equal(statSync(join(dir, 'big')).size, 64 * 1024);
});

test('fillTo(dir, 3 pages): an 8 KiB write fits, the next 8 KiB write does not', (t) => {
  const dir = tmpfs(t, 400);
  if (dir === null) return;
  writeFileSync(join(dir, 'user.txt'), 'keep me');
  fillTo(dir, 3 * PAGE);
  assert.equal(freeBytes(dir), 3 * PAGE);
  writeFileSync(join(dir, 'a.bin'), Buffer.alloc(8 * 1024));
  assert.equal(freeBytes(dir), PAGE);
  assert.equal(
    errnoOf(() => writeFileSync(join(dir, 'b.bin'), Buffer.alloc(8 * 1024))),
    'ENOSPC',
  );
  assert.equal(readFileSync(join(dir, 'user.txt'), 'utf8'), 'keep me');
});

test('fillTo can be called again to grow or shrink the free space; odd targets round up to a page', (t) => {
  const dir = tmpfs(t, 400);
  if (dir === null) return;
  fillTo(dir, 100 * 1024);
  assert.equal(freeBytes(dir), 100 * 1024);
  fillTo(dir, 0);
  assert.equal(freeBytes(dir), 0);
  fillTo(dir, 5000);
  assert.equal(freeBytes(dir), 2 * PAGE);
  removeFiller(dir);
  assert.equal(freeBytes(dir), 400 * 1024);
  assert.throws(() => fillTo(dir, 1024 * 1024), /cannot leave/);
  assert.throws(() => fillTo(dir, 0, { maxFillBytes: PAGE }), /is .* a tmpfs\?/);
});

test('fillTo refuses to fill a real disk past its guard (no mount needed)', (t) => {
  const dir = tempDir(t);
  const before = freeBytes(dir);
  assert.ok(before > 0);
  assert.throws(() => fillTo(dir, 0, { maxFillBytes: 1024 * 1024 }), /a tmpfs\?/);
  assert.equal(statSync(join(dir, FILLER)).size, 0, 'nothing was written before the guard tripped');
});

test('directories, empty files, renames and short symlinks take no space on a full tmpfs; data writes fail with ENOSPC', (t) => {
  const dir = tmpfs(t, 64);
  if (dir === null) return;
  writeFileSync(join(dir, 'old'), 'x');
  fillTo(dir, 0);
  mkdirSync(join(dir, 'a/b/c'), { recursive: true });
  writeFileSync(join(dir, 'a/empty'), '');
  renameSync(join(dir, 'old'), join(dir, 'a/b/c/new'));
  symlinkSync('x'.repeat(127), join(dir, 'short-link'));
  assert.equal(freeBytes(dir), 0);
  assert.equal(
    errnoOf(() => writeFileSync(join(dir, 'a/one'), 'x')),
    'ENOSPC',
  );
  // A symlink target of 128 bytes or more no longer fits in the inode and needs a page.
  assert.equal(
    errnoOf(() => symlinkSync('x'.repeat(128), join(dir, 'long-link'))),
    'ENOSPC',
  );
});

test('makeReadOnly: writes into the folder fail (EROFS with a bind mount as root, EACCES with chmod otherwise); undo restores it', (t) => {
  const base = tmpfs(t, 400) ?? tempDir(t);
  const dir = join(base, 'out');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub/a.txt'), 'A');
  writeFileSync(join(base, 'staged.txt'), 'S');
  const before = snapshotTree(dir);
  const mountsBefore = mountCount(dir);

  if (isRoot() && !canMount()) {
    // Root ignores modes and may not mount: neither way can work, and makeReadOnly must say so.
    assert.throws(() => makeReadOnly(dir), /cannot make .* read-only/);
    return;
  }
  const undo = makeReadOnly(dir);
  try {
    assert.equal(undo.kind, isRoot() ? 'bind' : 'chmod');
    const code = isRoot() ? 'EROFS' : 'EACCES';
    assert.equal(
      errnoOf(() => writeFileSync(join(dir, 'new.txt'), 'x')),
      code,
    );
    assert.equal(
      errnoOf(() => mkdirSync(join(dir, 'newdir'))),
      code,
    );
    assert.equal(
      errnoOf(() => renameSync(join(dir, 'sub'), join(dir, 'moved'))),
      code,
    );
    // A rename from outside crosses into another mount: EXDEV (bind), not EROFS; chmod gives EACCES.
    assert.equal(
      errnoOf(() => renameSync(join(base, 'staged.txt'), join(dir, 'staged.txt'))),
      isRoot() ? 'EXDEV' : 'EACCES',
    );
    if (isRoot()) {
      // With the bind mount even existing files inside are read-only (chmod only protects the folder's entries).
      assert.equal(
        errnoOf(() => writeFileSync(join(dir, 'sub/a.txt'), 'changed')),
        'EROFS',
      );
      assert.equal(mountCount(dir), mountsBefore + 1);
    }
    assert.deepEqual(diffTrees(before, snapshotTree(dir)), []);
  } finally {
    undo();
  }
  assert.doesNotThrow(() => undo());
  assert.equal(mountCount(dir), mountsBefore);
  writeFileSync(join(dir, 'new.txt'), 'x');
  assert.deepEqual(diffTrees(before, snapshotTree(dir)), [`added new.txt: file 644 ${sha256('x')}`]);
});

test('bindReadOnly works on a folder of the ordinary disk too, and its undo leaves the folder as it was', (t) => {
  const dir = tempDir(t);
  const undo = bindReadOnly(dir);
  if (undo === null) {
    assert.equal(canMount() && isRoot(), false, 'only refused where mounting is refused');
    return;
  }
  try {
    assert.equal(
      errnoOf(() => writeFileSync(join(dir, 'x'), 'x')),
      'EROFS',
    );
  } finally {
    undo();
  }
  assert.equal(mountCount(dir), 0);
  writeFileSync(join(dir, 'x'), 'x');
});

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

test('snapshotTree describes files, folders and links; copyTree keeps modes; diffTrees names each change', (t) => {
  const src = tempDir(t);
  mkdirSync(join(src, 'bin'), { mode: 0o700 });
  chmodSync(join(src, 'bin'), 0o700);
  writeFileSync(join(src, 'bin/run.sh'), '#!/bin/sh\n');
  chmodSync(join(src, 'bin/run.sh'), 0o755);
  writeFileSync(join(src, 'a.txt'), 'hello');
  chmodSync(join(src, 'a.txt'), 0o644);
  symlinkSync('a.txt', join(src, 'link'));
  writeFileSync(join(src, FILLER), 'not part of the tree');
  mkdirSync(join(src, 'deep'));
  chmodSync(join(src, 'deep'), 0o755);
  writeFileSync(join(src, 'deep', FILLER), 'a user file that happens to share the name');
  chmodSync(join(src, 'deep', FILLER), 0o600);

  const a = snapshotTree(src);
  assert.deepEqual([...a.keys()], ['a.txt', 'bin', 'bin/run.sh', 'deep', `deep/${FILLER}`, 'link']);
  assert.equal(a.get('a.txt'), `file 644 ${sha256('hello')}`);
  assert.equal(a.get('bin'), 'dir 700');
  assert.match(a.get('bin/run.sh')!, /^file 755 [0-9a-f]{64}$/);
  assert.equal(a.get('link'), 'link a.txt');

  const dst = join(tempDir(t), 'copy');
  copyTree(src, dst);
  assert.deepEqual(diffTrees(a, snapshotTree(dst)), []);

  writeFileSync(join(dst, 'a.txt'), 'hellO');
  chmodSync(join(dst, 'bin/run.sh'), 0o644);
  rmSync(join(dst, 'link'));
  writeFileSync(join(dst, 'new.txt'), 'x');
  chmodSync(join(dst, 'new.txt'), 0o644);
  const b = snapshotTree(dst);
  const diff = diffTrees(a, b);
  assert.deepEqual(diff, [
    `changed a.txt: file 644 ${sha256('hello')} -> file 644 ${sha256('hellO')}`,
    `changed bin/run.sh: ${a.get('bin/run.sh')} -> ${a.get('bin/run.sh')!.replace('755', '644')}`,
    `removed link: link a.txt`,
    `added new.txt: file 644 ${sha256('x')}`,
  ]);
  assert.deepEqual(diffTrees(b, b), []);
});
