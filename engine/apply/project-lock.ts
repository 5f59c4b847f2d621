/**
 * One writer per project: generate, compose, regenerate and merge into an existing folder hold
 * `<project>/.packs/lock` from their recovery step to their last write, so two runs never
 * interleave their reads and moves. A second run waits (up to a minute, saying so) or fails with a
 * clear message. Only a dead owner's lock is taken over — a live run may be busy in a long hook.
 * A folder that does not exist yet needs no lock: the run that builds it renames its staging folder
 * into place in one step, and a second one finds the name taken and fails with nothing written.
 */
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from '../fs/lock';

export const projectLockPath = (root: string) => join(root, '.packs', 'lock');

export interface ProjectLockOptions {
  /** A dry run into a folder without `.packs/` creates nothing, so it takes no lock. */
  dryRun?: boolean | undefined;
  /** Told once when another run holds the lock and this one starts waiting. */
  log?: ((message: string) => void) | undefined;
  /** Tests only (default 60 s). */
  timeoutMs?: number;
}

/** Run `fn` holding the project lock of `root` (see above). */
export async function withProjectLock<T>(root: string, fn: () => Promise<T> | T, opts: ProjectLockOptions = {}): Promise<T> {
  if (!existsSync(root)) return fn();
  const packs = join(root, '.packs');
  let madePacks = false;
  if (!existsSync(packs)) {
    if (opts.dryRun) return fn();
    mkdirSync(packs);
    madePacks = true;
  }
  const release = acquireLock(projectLockPath(root), {
    staleMs: Infinity,
    timeoutMs: opts.timeoutMs ?? 60_000,
    what: `into ${root}`,
    onWait: (owner) => opts.log?.(`waiting for another ggen-pack process${owner} writing into ${root}…`),
  });
  try {
    return await fn();
  } finally {
    release();
    if (madePacks) {
      try {
        rmdirSync(packs); // only when the run left nothing there (a failed one): a failed run writes nothing
      } catch {
        /* it holds packs.lock's baselines now */
      }
    }
  }
}
