/**
 * Recovery before reading, for the local registry (the registry's side of SPEC §4's "a kill leaves
 * nothing half-done"): before anything reads `$GGEN_HOME/packs`, an install, uninstall or import
 * that a kill interrupted is rolled back from its journal (`packs/.journal.json`), under the lock,
 * and the scratch folders that dead writers left (`.tmp-<pid>-…`, `.trash-<pid>-…`) are removed.
 * The common case costs one existsSync: list and search start on every keystroke of a palette.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GenerationError, PackError, PermissionError } from '../errors';
import { describeErrno, errnoHint, isPermissionErrno, type ErrnoLike } from '../fs/errno';
import { describeStranded, recoverMoveJournal } from '../fs/move-journal';
import { processAlive } from '../fs/process-alive';
import { withLock } from '../fs/lock';
import { journalFile, lockFile, packsDir, scratchPid } from './paths';

/**
 * Roll back an interrupted registry change. Call under the lock. Returns true when there was one.
 * A journal whose writer still runs (it held the lock past the stale limit) is left alone; a writer
 * (`opts.writer`) then refuses rather than change the registry under it.
 */
export function recoverLocked(home: string, opts: { writer?: boolean } = {}): boolean {
  const report = recoverMoveJournal(journalFile(home));
  if (report === 'busy' && opts.writer)
    throw new GenerationError(`Another ggen-pack process is changing the local registry ${packsDir(home)} right now`, {
      hint: 'Wait for it to finish and run again.',
    });
  if (report === null || report === 'busy') return false;
  if (!report.complete) {
    const where = describeStranded(report, (abs) => abs);
    throw new GenerationError(
      `The local registry ${packsDir(home)} holds an interrupted install or uninstall that cannot be rolled back yet ` +
        `(${report.errors[0] ?? 'unknown error'}). ` +
        (where.length ? `Nothing is lost: ${where.join('; ')}.` : 'No installed pack was moved.'),
      {
        hint: `Fix the cause (free space, permissions) and run any ggen-pack command again: the rollback resumes from ${journalFile(home)}.`,
      },
    );
  }
  return true;
}

/** Readers call this first: one existsSync unless a journal is there, which is then rolled back under the lock. */
export function recoverRegistry(home: string): void {
  if (!existsSync(journalFile(home))) return;
  try {
    withLock(lockFile(home), () => recoverLocked(home), { what: `into the local registry ${packsDir(home)}` });
  } catch (err) {
    if (err instanceof PackError || !(err as ErrnoLike).code) throw err;
    const e = err as ErrnoLike;
    const message = `The local registry ${packsDir(home)} holds an interrupted install or uninstall, and it cannot be rolled back: ${describeErrno(e)}. Nothing was changed.`;
    const opts = { hint: `${errnoHint(e, packsDir(home))} The rollback resumes from ${journalFile(home)}.`, cause: err };
    throw isPermissionErrno(e) ? new PermissionError(message, opts) : new GenerationError(message, opts);
  }
}

/**
 * Remove the scratch entries among `names` (entries of `$GGEN_HOME/packs`) whose writer is dead.
 * Never while a journal is there: an unfinished rollback may still need what they hold.
 */
export function sweepScratch(home: string, names: string[]): void {
  const dead = names.filter((n) => {
    const pid = scratchPid(n);
    return pid !== null && !processAlive(pid);
  });
  if (dead.length === 0 || existsSync(journalFile(home))) return;
  for (const n of dead) {
    try {
      rmSync(join(packsDir(home), n), { recursive: true, force: true });
    } catch {
      /* a read-only registry keeps its leftovers; they cost nothing but a slower read */
    }
  }
}
