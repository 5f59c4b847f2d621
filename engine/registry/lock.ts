/**
 * A cross-process lock for the local registry index: a lock file created with O_EXCL holding the
 * owner's pid and start time. A lock whose owner is dead, or older than `staleMs`, is taken over,
 * so a crashed install never blocks the registry for good. Synchronous on purpose: the store API
 * is synchronous and index updates are short.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PackError } from '../errors';

const sleepBuf = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepBuf, 0, 0, ms);
}

function ownerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lockFile: string, staleMs: number): boolean {
  try {
    const { pid, time } = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; time: number };
    return !ownerAlive(pid) || Date.now() - time > staleMs;
  } catch {
    // Unreadable or half-written: only stale if it stays that way (the writer may be mid-write).
    return false;
  }
}

export interface LockOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its owner lives (default 60 s). */
  staleMs?: number;
}

/** Runs `fn` holding the lock file `lockFile`; releases it even when `fn` throws. */
export function withLock<T>(lockFile: string, fn: () => T, opts: LockOptions = {}): T {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const staleMs = opts.staleMs ?? 60_000;
  const started = Date.now();
  let unreadableSince = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, time: Date.now() }));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let stale = isStale(lockFile, staleMs);
      if (!stale) {
        // A lock file that stays unparsable for a second belongs to a writer that died mid-write.
        let parsable = true;
        try {
          JSON.parse(readFileSync(lockFile, 'utf8'));
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
        } catch {
          /* someone else took it over; retry */
        }
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new PackError('internal', `Timed out waiting for the registry lock ${lockFile}`, {
          hint: 'Another ggen-pack process is installing; wait for it, or delete the lock file if no such process runs.',
        });
      }
      sleepSync(Math.min(50, 5 + attempt * 5));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
