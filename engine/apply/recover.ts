/**
 * Recovery before reading (SPEC §4): every verb that works on a generated project first rolls back
 * an apply that a kill interrupted (`.packs/journal.json`) and sweeps the staging folders that dead
 * runs left behind — before it reads packs.lock or any file, so nothing is ever computed from a
 * half-applied tree.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { GenerationError } from '../errors';
import { describeStranded, recoverMoveJournal } from '../fs/move-journal';
import { processAlive } from '../fs/process-alive';

export const journalPath = (root: string) => join(root, '.packs', 'journal.json');

/**
 * Staging folder names carry the writer's pid so a sweep can tell a live run's folder from a dead
 * one's: `.packs/staging-<pid>-XXXXXX` inside a project, `.<name>.packs-staging-<pid>-XXXXXX` beside
 * a new one (mkdtemp appends the XXXXXX).
 */
export const stagingPrefix = (newRootName: string) =>
  newRootName ? `.${newRootName}.packs-staging-${process.pid}-` : `staging-${process.pid}-`;

/** Remove `dir/<prefix><pid>-*` folders whose writer is no longer running. Returns what it removed. */
function sweep(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(n.slice(prefix.length))?.[1]);
    if (!pid || processAlive(pid)) continue;
    rmSync(join(dir, n), { recursive: true, force: true });
    removed.push(join(dir, n));
  }
  return removed;
}

export interface ProjectRecovery {
  /** An interrupted apply was rolled back. */
  rolledBack: boolean;
  /** Leftover staging folders removed. */
  swept: string[];
}

/** Roll back an interrupted apply in `root` and sweep dead runs' leftovers. Throws GenerationError if the rollback cannot finish. */
export function recoverProject(root: string): ProjectRecovery {
  const swept = sweep(dirname(root), `.${basename(root)}.packs-staging-`);
  if (!existsSync(join(root, '.packs'))) return { rolledBack: false, swept };
  const report = recoverMoveJournal(journalPath(root));
  if (report === 'busy')
    throw new GenerationError(`Another ggen-pack process is writing into ${root} right now`, {
      hint: 'Wait for it to finish and run again.',
    });
  if (report && !report.complete) {
    const where = describeStranded(report, (abs) => relative(root, abs) || abs);
    throw new GenerationError(
      `${root} holds an interrupted generation that cannot be rolled back yet (${report.errors[0] ?? 'unknown error'}). ` +
        (where.length ? `Nothing is lost: ${where.join('; ')}.` : ''),
      {
        hint:
          `Fix the cause (free space, permissions, a file in the way) and run again: the rollback resumes from ${journalPath(root)}. ` +
          'To keep the folder as it is now instead, move the files named above where you want them and delete that journal.',
      },
    );
  }
  swept.push(...sweep(join(root, '.packs'), 'staging-'));
  return { rolledBack: report !== null, swept };
}
