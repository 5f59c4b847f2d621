/**
 * A change of the local registry (install, uninstall, import, update) as one transaction, so that a
 * full disk, a read-only folder, a vanished file or a kill at any point leaves the registry as it
 * was, and the error says truly what happened:
 *
 * 1. pre-flight space check (nothing touched when the file system cannot hold the copies);
 * 2. staging: every new pack is copied and verified into one staging folder
 *    `$GGEN_HOME/packs/.tmp-<pid>-<hex>/` (same file system, so the moves are renames);
 * 3. under the registry lock: roll back any interrupted change, read the entries, plan the folder
 *    moves and the new index, write the new index into the staging folder;
 * 4. one move journal (engine/fs/move-journal.ts) of renames only: installed folders being replaced
 *    or removed go aside into the staging folder, staged folders into place, then the index swap;
 * 5. on success the journal's cleanup deletes the staging folder with the old folders and the old index.
 *
 * A failure before step 4 removes the staging folder (nothing else was touched); a failed move is
 * rolled back by the journal; a kill leaves the journal, which the next reader rolls back
 * (engine/registry/recover.ts).
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../../protocol';
import { engineConfig } from '../config';
import { GenerationError, PackError, PermissionError } from '../errors';
import { ensureDir, removeDirs } from '../fs/dirs';
import { describeErrno, errnoHint, isPermissionErrno, type ErrnoLike } from '../fs/errno';
import { checkSpace, formatBytes } from '../fs/free-space';
import { describeStranded, MoveFailure, runMoves, type Move, type RunMovesOptions } from '../fs/move-journal';
import { currentEntries, formatIndex, indexFile, indexOf, type IndexEntry, type LocalIndex } from './local-index';
import { withLock } from '../fs/lock';
import { journalFile, lockFile, packsDir, scratchName } from './paths';
import { recoverLocked } from './recover';

/** The staging folder of a running transaction, and where it is (for a failure's message). */
export interface StagingArea {
  /** `$GGEN_HOME/packs/.tmp-<pid>-<hex>`. */
  readonly staging: string;
  /** What the transaction is doing now, e.g. "copying devops-pack@2.1.0". */
  at: string;
  /** The file it is at, when it matters. */
  file?: string | undefined;
}

/** The folder moves of a change (each with what it does, in words) and the entries of the new index. */
export interface TransactionPlan {
  moves: { move: Move; label: string }[];
  packs: IndexEntry[];
}

export interface TransactionSpec {
  home: string;
  /** What the change is, as a message starts: "Installing startup-pack@1.2.0". */
  action: string;
  /** How the registry folder follows `action` in a message (default "into"; uninstall: "from"). */
  preposition?: 'into' | 'from' | 'in';
  /** What is true when it fails before changing anything: "nothing was installed". */
  nothing: string;
  /** What the staged copies take (file sizes, folders) and how many index entries they add; the new index and the journal are added. */
  need?: { files: number[]; dirs: number; entries: number };
  /** Copy the new packs into `area.staging` (outside the lock). */
  stage?: (area: StagingArea) => void;
  /** Under the lock, from the entries on disk: the moves and the new index, or null when nothing is to change. */
  plan: (entries: IndexEntry[], area: StagingArea) => TransactionPlan | null;
  /** Tests only: runs before each move; throwing fails that move, `'crash'` stops as a kill would. */
  beforeMove?: RunMovesOptions['beforeMove'] | undefined;
}

export interface TransactionOutcome {
  /** The index as written, or null when the plan changed nothing. */
  index: LocalIndex | null;
  /** Tests only: `beforeMove` simulated a crash (journal and staging left as a kill leaves them). */
  crashed: boolean;
}

/** Runs a registry change (see the file comment). Throws PackErrors only: GenerationError (exit 4), PermissionError (exit 6), or the planner's own. */
export function runTransaction(spec: TransactionSpec): TransactionOutcome {
  const packs = packsDir(spec.home);
  checkRoom(spec);
  const createdDirs: string[] = [];
  const area: { staging: string; at: string; file?: string | undefined } = { staging: '', at: `creating ${packs}` };
  /** Set when the journal must keep the staging folder: a crash, or a rollback that could not finish. */
  let keep = false;
  try {
    ensureDir(packs, createdDirs);
    area.at = 'creating the staging folder';
    area.staging = join(packs, scratchName());
    mkdirSync(area.staging);
    spec.stage?.(area);
    area.file = undefined;
    area.at = `taking the registry lock ${lockFile(spec.home)}`;
    return withLock(
      lockFile(spec.home),
      () => {
        area.at = 'rolling back an interrupted change';
        recoverLocked(spec.home, { writer: true });
        area.at = 'reading the registry';
        const plan = spec.plan(currentEntries(spec.home), area);
        if (!plan) {
          rmSync(area.staging, { recursive: true, force: true });
          return { index: null, crashed: false };
        }
        area.at = 'writing the new index';
        const staged = join(area.staging, 'index.jsonl');
        const { text, stamp } = formatIndex(plan.packs);
        writeFileSync(staged, text);
        const steps = [...plan.moves];
        if (existsSync(indexFile(spec.home)))
          steps.push({
            move: { from: indexFile(spec.home), to: join(area.staging, 'old-index.jsonl'), original: true },
            label: 'putting the old index aside',
          });
        steps.push({ move: { from: staged, to: indexFile(spec.home) }, label: 'moving the new index into place' });
        area.at = `writing the journal ${journalFile(spec.home)}`;
        const journal = { version: 2 as const, moves: steps.map((s) => s.move), createdDirs: [], cleanup: [area.staging] };
        let done: boolean;
        try {
          done = runMoves(journalFile(spec.home), journal, spec.beforeMove ? { beforeMove: spec.beforeMove } : {});
        } catch (err) {
          if (!(err instanceof MoveFailure)) throw err; // the journal was not written: nothing moved
          area.at = steps.find((s) => s.move === err.failed)?.label ?? `moving ${err.failed.from}`;
          if (err.rollback.complete)
            throw failure(spec, area, err.error, `every step was undone: ${spec.nothing} and the registry is as it was`);
          keep = true;
          throw strandedError(spec, area, err);
        }
        if (!done) {
          keep = true;
          return { index: null, crashed: true };
        }
        return { index: indexOf(stamp, plan.packs), crashed: false };
      },
      { what: `into the local registry ${packs}` },
    );
  } catch (err) {
    if (!keep) {
      try {
        if (area.staging) rmSync(area.staging, { recursive: true, force: true });
      } catch {
        /* nothing of the registry's is in it; the next reader's sweep removes it */
      }
      removeDirs(createdDirs);
    }
    throw failure(spec, area, err, `${spec.nothing} and the registry is as it was`);
  }
}

/** The pre-flight check: refuse (exit 4, nothing touched) when the registry's file system cannot hold the change. */
function checkRoom(spec: TransactionSpec): void {
  if (!engineConfig().spaceCheck) return;
  const packs = packsDir(spec.home);
  const need = spec.need ?? { files: [], dirs: 0, entries: 0 };
  // Plus the new index beside the old one (until the swap), with room for the new entries, and the journal.
  const space = checkSpace(packs, {
    files: [...need.files, fileSize(indexFile(spec.home)) + 1024 * need.entries, 512 * (need.entries + 2)],
    dirs: need.dirs + 1,
  });
  if (space.enough) return;
  throw new GenerationError(
    `Not enough space for ${lowerFirst(spec.action)} ${spec.preposition ?? 'into'} ${packs}: it needs about ${formatBytes(space.needed)}, and its file system has ${formatBytes(space.available)} free. ${upperFirst(spec.nothing)}.`,
    { hint: `Free at least ${formatBytes(space.needed - space.available)} on that file system and run again.` },
  );
}

/** A failure in words: what failed, where, and the state the registry is in (`outcome`, which must be true). PackErrors pass unchanged. */
function failure(spec: TransactionSpec, area: { at: string; file?: string | undefined }, err: unknown, outcome: string): PackError {
  if (err instanceof PackError) return err;
  const e = err as ErrnoLike;
  const where = `${area.at}${area.file ? ` (${area.file})` : ''}`;
  const message = `${spec.action} ${spec.preposition ?? 'into'} ${packsDir(spec.home)} failed while ${where}: ${describeErrno(e)}; ${outcome}.`;
  const opts = { hint: errnoHint(e, packsDir(spec.home)), cause: err };
  return isPermissionErrno(e) ? new PermissionError(message, opts) : new GenerationError(message, opts);
}

/** The rollback could not finish: say where every original is, and that the next run finishes it. */
function strandedError(spec: TransactionSpec, area: { at: string }, err: MoveFailure): PackError {
  const where = describeStranded(err.rollback, (abs) => abs);
  const issues: Issue[] = where.map((line, i) => ({
    code: 'packs/rollback-incomplete',
    severity: 'error',
    message: line,
    file: err.rollback.stranded[i]!.wanted,
    range: null,
  }));
  const message =
    `${spec.action} ${spec.preposition ?? 'into'} ${packsDir(spec.home)} failed while ${area.at} (${describeErrno(err.error)}), and undoing it could not finish ` +
    `(${err.rollback.errors[0] ?? 'see below'}). ` +
    (where.length ? `Nothing is lost: ${where.join('; ')}.` : 'No installed pack was moved.') +
    ' The next ggen-pack command finishes the recovery.';
  const opts = {
    issues,
    hint: `${errnoHint(err.error, packsDir(spec.home))} Then run any ggen-pack command (e.g. \`ggen-pack list --installed\`): it finishes the rollback from ${journalFile(spec.home)}.`,
    cause: err,
  };
  return isPermissionErrno(err.error) ? new PermissionError(message, opts) : new GenerationError(message, opts);
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
