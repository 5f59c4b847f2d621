/**
 * A cross-process lock (the local registry's `packs/.lock`, a project's `.packs/lock`): a lock entry created exclusively, holding the
 * owner's pid and start time. A lock whose owner is dead, or older than `staleMs`, is taken over,
 * so a crashed install never blocks the registry for good. Synchronous on purpose: the store API
 * is synchronous and registry changes are short.
 *
 * The lock is a symbolic link whose target is that JSON: creating it is one atomic step (never
 * half-written), and a short link needs no data block (inline in the inode on ext4, none on tmpfs),
 * so the lock can be taken on a full disk — which is what lets the next run roll back an interrupted
 * install there. Where links are not allowed (Windows without developer mode) it is a regular file.
 */
import { closeSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { GenerationError } from '../errors';
import { processAlive } from './process-alive';

const sleepBuf = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepBuf, 0, 0, ms);
}

/** The lock's text: a link's target, or a file's contents (older versions, or no links allowed). */
function readLock(lockFile: string): string {
  try {
    return readlinkSync(lockFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    return readFileSync(lockFile, 'utf8');
  }
}

function isStale(lockFile: string, staleMs: number): boolean {
  try {
    const { pid, time } = JSON.parse(readLock(lockFile)) as { pid: number; time: number };
    return !processAlive(pid) || Date.now() - time > staleMs;
  } catch {
    // Unreadable or half-written: only stale if it stays that way (the writer may be mid-write).
    return false;
  }
}

/** Symbolic links are not available here: fall back to a lock file. */
const NO_LINKS = new Set(['EPERM', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL']);

/** Creates the lock; false when it exists. Throws the file system's error otherwise (nothing left behind). */
function tryCreate(lockFile: string): boolean {
  const body = JSON.stringify({ pid: process.pid, time: Date.now() });
  try {
    symlinkSync(body, lockFile);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw err;
  }
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, body);
  } catch (err) {
    // A full disk: never leave an empty lock file behind for the others to wait on.
    closeSync(fd);
    rmSync(lockFile, { force: true });
    throw err;
  }
  closeSync(fd);
  return true;
}

export interface LockOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its owner lives (default 60 s; Infinity: only dead owners). */
  staleMs?: number;
  /** What the lock guards, for the message when waiting times out ("into the local registry …", "into /x/my-app"). */
  what?: string;
  /** Called once when the lock is busy and the wait begins, with who holds it (" (pid 1234)" or ""). */
  onWait?: (owner: string) => void;
}

/** Waits for and takes the lock `lockFile`; returns its release. Throws GenerationError (exit 4) after `timeoutMs`. */
export function acquireLock(lockFile: string, opts: LockOptions = {}): () => void {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 60_000;
  const started = Date.now();
  let unreadableSince = 0;
  for (let attempt = 0; !tryCreate(lockFile); attempt++) {
    let stale = isStale(lockFile, staleMs);
    if (!stale) {
      // A lock file that stays unparsable for a second belongs to a writer that died mid-write.
      let parsable = true;
      try {
        JSON.parse(readLock(lockFile));
      } catch {
        parsable = false;
      }
      if (parsable) unreadableSince = 0;
      else if (!unreadableSince) unreadableSince = Date.now();
      else if (Date.now() - unreadableSince > 1000) stale = true;
    }
    if (stale) {
      // Rename first so two processes that both saw it stale cannot both delete a fresh lock.
      const aside = `${lockFile}.stale-${process.pid}`;
      try {
        renameSync(lockFile, aside);
        rmSync(aside, { force: true });
      } catch (err) {
        // Gone: someone else took it over; retry. Anything else (a read-only registry) would fail forever.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      continue;
    }
    if (attempt === 0) opts.onWait?.(ownerText(lockFile));
    if (Date.now() - started > timeoutMs) {
      throw new GenerationError(
        `Another ggen-pack process${ownerText(lockFile)} is writing ${opts.what ?? 'here'}; waited ${Math.round(timeoutMs / 1000)} s for it (lock ${lockFile})`,
        { hint: 'Let it finish and run again. If no such process runs, delete the lock.' },
      );
    }
    sleepSync(Math.min(50, 5 + attempt * 5));
  }
  return () => {
    try {
      unlinkSync(lockFile);
    } catch {
      /* taken over as stale, or removed by hand */
    }
  };
}

/** Runs `fn` holding the lock `lockFile`; releases it even when `fn` throws. */
export function withLock<T>(lockFile: string, fn: () => T, opts: LockOptions = {}): T {
  const release = acquireLock(lockFile, opts);
  try {
    return fn();
  } finally {
    release();
  }
}

/** " (pid 1234)" when the lock says who holds it. */
function ownerText(lockFile: string): string {
  try {
    const { pid } = JSON.parse(readLock(lockFile)) as { pid?: unknown };
    return typeof pid === 'number' ? ` (pid ${pid})` : '';
  } catch {
    return '';
  }
}
