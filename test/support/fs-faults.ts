// Real file-system faults for tests: a size-limited tmpfs (ENOSPC), a read-only folder (EROFS / EACCES), a filler
// that leaves an exact number of free bytes, and tree snapshots to prove that a failed write lost nothing.
//
// Mounting needs root with CAP_SYS_ADMIN. Every helper that mounts returns null instead of throwing when it cannot,
// so a test can choose a fallback (or assert that the refusal is clean) rather than skipping silently.
//
// Facts measured on the CI/dev machine (Linux 6.x tmpfs), which tests may rely on:
// - tmpfs reports bsize 4096 and allocates file data in whole 4 KiB pages; fillTo() is exact to the byte when the
//   target is a multiple of 4096 (otherwise it rounds up to the next page).
// - Directories, empty files, renames and symlinks with a target under 128 bytes take no pages: on a full tmpfs
//   mkdir, creating an empty file, rename and such a symlink succeed; writing data (write, copyFile) and a symlink of
//   128+ bytes fail with ENOSPC.
// - A write that hits ENOSPC part-way leaves a partial file behind (writeFileSync of 8 KiB into 4 KiB of space leaves
//   a 4 KiB file), so code under test must clean up after a failed write.
// - Inside a read-only bind mount every change (create, write, mkdir, unlink, chmod, rename within) fails with EROFS;
//   a rename INTO or OUT OF it from the rest of the same tmpfs fails with EXDEV (a bind mount is a separate mount,
//   and the kernel checks "same mount" before "writable").
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  statfsSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Name of the filler file fillTo() writes at the root of a folder; snapshotTree() leaves it out. */
export const FILLER = '.filler';

/** Never grow a filler past this unless asked: a fillTo() aimed at the real disk by mistake must not fill the machine. */
const DEFAULT_MAX_FILL_BYTES = 256 * 1024 * 1024;

/** True when this process runs as root (uid 0). Root ignores file modes, so chmod cannot make a folder read-only. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a command without a shell; true when it exited 0. Never throws (a missing binary is just false). */
function run(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'pipe', encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** Decodes the octal escapes (\040 for a space, ...) that /proc/self/mountinfo uses in paths. */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** How many mounts sit on exactly `dir` (0 when it is not a mount point). Stacked mounts (a bind over a tmpfs) count each. */
export function mountCount(dir: string): number {
  let target: string;
  try {
    target = realpathSync(dir);
  } catch {
    return 0;
  }
  // mountinfo, field 5 is the mount point as this process sees it.
  const lines = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
  return lines.filter((l) => l !== '' && unescapeMountPath(l.split(' ')[4] ?? '') === target).length;
}

/** Unmounts the top mount on `dir`: `umount`, then a lazy `umount -l` if the mount is busy. True when one succeeded. */
function unmountOnce(dir: string): boolean {
  return run('umount', [dir]) || run('umount', ['-l', dir]);
}

/** Mounts a tmpfs without probing canMount() first (canMount() itself is built on this). */
function tryMountTmpfs(sizeKiB: number): { dir: string; unmount(): void } | null {
  if (!isRoot()) return null;
  let dir: string;
  try {
    // realpath: mount resolves symlinks (a /tmp that is a link), and /proc/self/mountinfo shows the resolved path.
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'ggen-tmpfs-')));
  } catch {
    return null;
  }
  const size = Math.max(1, Math.ceil(sizeKiB));
  if (!run('mount', ['-t', 'tmpfs', '-o', `size=${size}k,mode=0755`, 'tmpfs', dir]) || mountCount(dir) === 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  let done = false;
  return {
    dir,
    unmount() {
      if (done) return;
      done = true;
      // Pop every mount on the folder (a test may have left a read-only bind on top), bounded in case umount lies.
      for (let i = 0; i < 8 && mountCount(dir) > 0; i++) if (!unmountOnce(dir)) break;
      // Only remove the folder once nothing is mounted on it: rm -r through a live mount would just empty the tmpfs.
      if (mountCount(dir) === 0) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Mounts a fresh tmpfs of `sizeKiB` KiB (mode 0755) on a new folder under os.tmpdir().
 * Returns null, never throws, when not root or when the kernel refuses (no CAP_SYS_ADMIN, no mount binary).
 * Always call unmount() in a `finally` or `after` hook; it is idempotent, falls back to a lazy unmount, and then
 * removes the folder.
 */
export function mountTmpfs(sizeKiB: number): { dir: string; unmount(): void } | null {
  return tryMountTmpfs(sizeKiB);
}

let canMountCache: boolean | undefined;

/** Whether this process can mount a tmpfs (probed once by mounting and unmounting a 64 KiB one, then cached). */
export function canMount(): boolean {
  if (canMountCache === undefined) {
    const m = tryMountTmpfs(64);
    canMountCache = m !== null;
    m?.unmount();
  }
  return canMountCache;
}

/**
 * Makes an existing folder read-only with a read-only bind mount of the folder onto itself, so every change inside it
 * fails with EROFS (even for root). Returns the undo function, or null when not root or the kernel refuses.
 * Note: a rename into or out of the folder from elsewhere then fails with EXDEV, not EROFS (it is a separate mount).
 */
export function bindReadOnly(dir: string): (() => void) | null {
  if (!isRoot()) return null;
  let target: string;
  try {
    target = realpathSync(dir);
  } catch {
    return null;
  }
  const before = mountCount(target);
  if (!run('mount', ['--bind', target, target])) return null;
  if (mountCount(target) <= before) return null;
  if (!run('mount', ['-o', 'remount,bind,ro', target])) {
    unmountOnce(target);
    return null;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    // Pop only the bind mount we added, never a tmpfs underneath it.
    if (mountCount(target) > before) unmountOnce(target);
  };
}

/** The undo function makeReadOnly() returns; `kind` says how the folder was made read-only (and so which errno to expect). */
export type ReadOnlyUndo = (() => void) & {
  /** 'bind': writes fail with EROFS. 'chmod': writes fail with EACCES. */
  readonly kind: 'bind' | 'chmod';
};

/** Tries to create a file in `dir`; true when that worked (then the folder is NOT read-only). */
function canWriteInto(dir: string): boolean {
  const probe = join(dir, `.ro-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
  } catch {
    return false;
  }
  unlinkSync(probe);
  return true;
}

/**
 * Makes `dir` read-only: a read-only bind mount when root (root ignores modes), chmod 0o555 otherwise. The result is
 * checked by trying to create a file; throws when neither way works (root that may not mount, or a folder we do not own).
 * The returned undo function restores the folder (idempotent); its `kind` tells EROFS ('bind') from EACCES ('chmod').
 */
export function makeReadOnly(dir: string): ReadOnlyUndo {
  const unbind = bindReadOnly(dir);
  if (unbind !== null) {
    if (canWriteInto(dir)) {
      unbind();
      throw new Error(`makeReadOnly: ${dir} is still writable after a read-only bind mount`);
    }
    return Object.assign(unbind, { kind: 'bind' as const });
  }
  const mode = statSync(dir).mode & 0o7777;
  chmodSync(dir, 0o555);
  let done = false;
  const undo = () => {
    if (done) return;
    done = true;
    chmodSync(dir, mode);
  };
  if (canWriteInto(dir)) {
    undo();
    throw new Error(
      `makeReadOnly: cannot make ${dir} read-only (${isRoot() ? 'root ignores chmod and mount was refused' : 'chmod had no effect'})`,
    );
  }
  return Object.assign(undo, { kind: 'chmod' as const });
}

/** Bytes an unprivileged writer can still allocate on the file system holding `dir` (statfs bavail × bsize). */
export function freeBytes(dir: string): number {
  return available(dir);
}

/** freeBytes() under another name, for fillTo(), whose parameter is called freeBytes. */
function available(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Appends up to `bytes` bytes to `fd`; stops quietly at the first ENOSPC. */
function grow(fd: number, bytes: number, chunk: Buffer): void {
  let left = bytes;
  while (left > 0) {
    try {
      left -= writeSync(fd, chunk, 0, Math.min(chunk.length, left));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw e;
    }
  }
}

/**
 * Writes (or resizes) the filler file `dir/.filler` so that `freeBytes` bytes remain available on the file system of
 * `dir`, rounded up to its block size (4 KiB on tmpfs, where the result is then exact). The filler is grown in chunks,
 * stopping at the first ENOSPC, then trimmed with truncate until the free space is in [target, target + bsize).
 * Throws when the target cannot be reached (more free space asked for than the file system has even without a filler),
 * or when the filler would exceed `maxFillBytes` (default 256 MiB) — a guard against filling a real disk by mistake.
 * Remove the filler with removeFiller() (or let the tmpfs go away).
 */
export function fillTo(dir: string, freeBytes: number, opts: { maxFillBytes?: number } = {}): void {
  const max = opts.maxFillBytes ?? DEFAULT_MAX_FILL_BYTES;
  const { bsize } = statfsSync(dir);
  const target = Math.ceil(Math.max(0, freeBytes) / bsize) * bsize;
  // Data that will not compress or deduplicate, in case this is ever pointed at btrfs/zfs rather than tmpfs.
  const chunk = createHash('sha256').update('ggen-pack filler').digest();
  const block = Buffer.alloc(Math.max(bsize, 64 * 1024));
  for (let i = 0; i < block.length; i += chunk.length) chunk.copy(block, i);

  const fd = openSync(join(dir, FILLER), 'a');
  try {
    // Start from an empty filler so the measurement below sees the file system without it.
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    for (let round = 0; round < 16; round++) {
      const free = available(dir);
      const size = fstatSync(fd).size;
      if (free >= target && free < target + bsize) return;
      if (free < target) {
        if (size === 0) throw new Error(`fillTo: only ${free} bytes free on ${dir}, cannot leave ${target}`);
        ftruncateSync(fd, Math.max(0, size - Math.ceil((target - free) / bsize) * bsize));
      } else {
        const more = Math.floor((free - target) / bsize) * bsize;
        if (size + more > max) throw new Error(`fillTo: the filler would need ${size + more} bytes (> ${max}); is ${dir} a tmpfs?`);
        grow(fd, more, block);
      }
      fsyncSync(fd);
    }
    throw new Error(`fillTo: free space on ${dir} did not settle at ${target} bytes (now ${available(dir)})`);
  } finally {
    closeSync(fd);
  }
}

/** Deletes the filler file fillTo() wrote in `dir`, if any, giving its space back. */
export function removeFiller(dir: string): void {
  rmSync(join(dir, FILLER), { force: true });
}

/**
 * Every entry under `dir` (not `dir` itself), keyed by its '/'-separated relative path, valued by a description:
 * `file <mode> <sha256>`, `dir <mode>`, `link <target>` (modes are the permission bits in octal, e.g. 644), or
 * `other <mode>` for sockets, FIFOs and devices. Symlinks are not followed. The filler file at the top is left out.
 * The map is in sorted path order.
 */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      if (rel === '' && name === FILLER) continue;
      const p = join(abs, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out.set(r, `link ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(r, `dir ${mode}`);
        walk(p, r);
      } else if (st.isFile()) out.set(r, `file ${mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
      else out.set(r, `other ${mode}`);
    }
  };
  walk(dir, '');
  return out;
}

/**
 * The differences from snapshot `a` to snapshot `b`, one human-readable line per path in sorted order:
 * `added <path>: <desc>`, `removed <path>: <desc>`, `changed <path>: <desc in a> -> <desc in b>`. Empty when identical.
 */
export function diffTrees(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  for (const p of paths) {
    const x = a.get(p);
    const y = b.get(p);
    if (x === undefined) out.push(`added ${p}: ${y}`);
    else if (y === undefined) out.push(`removed ${p}: ${x}`);
    else if (x !== y) out.push(`changed ${p}: ${x} -> ${y}`);
  }
  return out;
}

/**
 * Copies `src` into `dst` recursively (dst is created; existing files are overwritten), keeping file and folder modes,
 * timestamps, and symlinks exactly as they are (not re-pointed).
 */
export function copyTree(src: string, dst: string): void {
  cpSync(src, dst, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, force: true });
}
