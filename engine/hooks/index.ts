/**
 * Hooks around a generation (SPEC §4): `pre_generation` / `pre_template` run in the output directory
 * before anything is written, `post_template` / `post_generation` after, `on_error` when a hook fails.
 * They run only when trusted (`--allow-hooks`, or a yes to a list of the exact commands); a failing
 * post hook without `continue_on_error` rolls the generation back: created files removed, replaced
 * ones restored from their backups, the previous packs.lock put back.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppliedFile } from '../apply/apply';
import { LOCK_FILE } from '../apply/lockfile';
import type { HookDef } from '../manifest/model';
import { commandLine, hookCommands, type HookCommand } from './commands';
import { runHooks, type HookRun } from './run';

export { commandLine, hookCommands, type HookCommand } from './commands';
export type { HookRun } from './run';

const PRE = new Set(['pre_generation', 'pre_template']);
const POST = new Set(['post_template', 'post_generation']);

export type Trust = (commands: HookCommand[]) => Promise<boolean>;

export interface HookSession {
  runs: HookRun[];
  /** Hooks not run, with why (untrusted, nothing to do). */
  skipped: string[];
}

/** What generate needs to undo a written generation. */
export interface Undo {
  output: string;
  existedBefore: boolean;
  previousLock: string | null;
  files: AppliedFile[];
  backupDir: string | null;
}

/** Snapshot taken before apply, for `rollBackGeneration`. */
export function undoPoint(output: string): Pick<Undo, 'output' | 'existedBefore' | 'previousLock'> {
  const lock = join(output, LOCK_FILE);
  return { output, existedBefore: existsSync(output), previousLock: existsSync(lock) ? readFileSync(lock, 'utf8') : null };
}

/** Undo an applied generation (after a post hook failed). */
export function rollBackGeneration(u: Undo): void {
  if (!u.existedBefore) return void rmSync(u.output, { recursive: true, force: true });
  for (const f of u.files) {
    const target = join(u.output, f.path);
    if (f.action === 'create') rmSync(target, { force: true });
    if (f.action === 'overwrite' && u.backupDir) {
      const backup = join(u.backupDir, f.path);
      if (existsSync(backup)) {
        mkdirSync(dirname(target), { recursive: true });
        renameSync(backup, target);
      }
    }
  }
  const lock = join(u.output, LOCK_FILE);
  if (u.previousLock === null) rmSync(lock, { force: true });
  else writeFileSync(lock, u.previousLock);
}

/** Run the hooks of `stages` (PRE or POST) if trusted; on failure run on_error hooks, then rethrow. */
export async function runStage(
  which: 'pre' | 'post',
  hooks: { pack: string; hook: HookDef }[],
  dir: string,
  trust: Trust,
  log: (s: string) => void,
  session: HookSession,
  output?: (chunk: string) => void,
): Promise<void> {
  const stages = which === 'pre' ? PRE : POST;
  const mine = hooks.filter((h) => stages.has(h.hook.stage));
  if (!mine.length) return;
  const commands = hookCommands(mine, dir);
  const runnable = commands.filter((c) => c.command);
  for (const c of commands.filter((x) => !x.command)) session.skipped.push(`${c.pack}:${c.hook.name}: ${c.reason}`);
  if (!runnable.length) return;
  if (!(await trust(runnable))) {
    for (const c of runnable) session.skipped.push(`${c.pack}:${c.hook.name}: not trusted (${commandLine(c)})`);
    return;
  }
  try {
    session.runs.push(...(await runHooks(commands, dir, log, output)));
  } catch (err) {
    session.runs.push(...((err as { runs?: HookRun[] }).runs ?? []));
    const onError = hookCommands(
      hooks.filter((h) => h.hook.stage === 'on_error'),
      dir,
    ).map((c) => ({ ...c, hook: { ...c.hook, continueOnError: true } }));
    if (onError.some((c) => c.command)) session.runs.push(...(await runHooks(onError, dir, log, output)));
    throw err;
  }
}
