/**
 * Atomic apply (SPEC §4 "Apply is atomic"): check every path and every conflict first, check the
 * file system has room, stage every new content in a folder of the same file system, then replace
 * by renames recorded in a move journal (engine/fs/move-journal.ts), and roll back on any failure.
 * No original is removed or overwritten before its replacement is fully written beside it, and the
 * rollback needs renames only, so a full disk, a read-only folder or a vanished file at any point
 * leaves the project as it was, and a kill leaves a journal that the next run rolls back.
 * Existing files are replaced only with `overwrite`, and then backed up under
 * `.packs/backup/<timestamp>/`. `dryRun` stops after the checks.
 */
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Issue } from '../../protocol';
import { engineConfig } from '../config';
import { GenerationError, PackError, PermissionError } from '../errors';
import { ensureDir, planDirs, removeDirs } from '../fs/dirs';
import { describeErrno, errnoHint, isPermissionErrno, type ErrnoLike } from '../fs/errno';
import { checkSpace, formatBytes } from '../fs/free-space';
import { describeStranded, MoveFailure, runMoves, type Move, type RunMovesOptions } from '../fs/move-journal';
import { journalPath, recoverProject, stagingPrefix } from './recover';
import { resolveOutputPath, safeJoin } from './path-safety';

export interface WriteRequest {
  /** Relative to the output root, `/`-separated. */
  path: string;
  content: Buffer;
  mode: number;
  pack: string;
  template: string;
  skipIfExists: boolean;
  /** Engine bookkeeping (packs.lock, baselines): replaced without conflict or backup. */
  internal?: boolean;
  /** The file's bytes on disk as the caller just read them (null: none), so classifying it reads nothing. */
  current?: Buffer | null;
}

/** create: new file; overwrite: replaced (backed up); unchanged: same bytes already there; skip: skip_if_exists. */
export type FileAction = 'create' | 'overwrite' | 'unchanged' | 'skip';

export interface AppliedFile {
  path: string;
  pack: string;
  template: string;
  bytes: number;
  action: FileAction;
}

// overwrite, dryRun and beforeMove accept undefined (= the default): applyPlan and mergeTrees pass their own options through.
export interface ApplyOptions {
  output: string;
  overwrite?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Extra bookkeeping writes computed from the classified files (packs.lock, baselines). */
  finalize?: (files: (AppliedFile & { content: Buffer })[]) => WriteRequest[];
  /** Files (relative) to take out of the project into the backup folder, in the same transaction (regenerate). */
  removals?: string[];
  /** Tests only: runs before each move; throwing fails that move, `'crash'` stops as a killed process would. */
  beforeMove?: RunMovesOptions['beforeMove'] | undefined;
  /**
   * The caller recovered `output` already and holds its project lock since (the flows, regenerate,
   * merge): recovering again would only list the same folders a second time.
   */
  recovered?: boolean | undefined;
}

export interface ApplyOutcome {
  output: string;
  files: AppliedFile[];
  /** Folder holding the replaced files, or null when nothing was replaced. */
  backupDir: string | null;
  /** True when an interrupted earlier apply was rolled back first (by this call: see ApplyOptions.recovered). */
  recovered: boolean;
  dryRun: boolean;
}

function conflictError(paths: string[]): GenerationError {
  const issues: Issue[] = paths.map((p) => ({
    code: 'packs/conflict',
    severity: 'error',
    message: `${p} already exists and differs from the generated file`,
    file: p,
    range: null,
  }));
  return new GenerationError(
    `${paths.length} existing file${paths.length === 1 ? '' : 's'} would be overwritten: ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''}`,
    {
      issues,
      hint: 'Nothing was written. Use --overwrite to replace them (the old files are backed up under .packs/backup/), or generate into an empty directory.',
    },
  );
}

/** Write `files` into `opts.output` atomically. Throws PermissionError (unsafe path) or GenerationError (conflicts, I/O). */
export function applyWrites(files: WriteRequest[], opts: ApplyOptions): ApplyOutcome {
  const root = resolve(opts.output);
  const recovered = opts.recovered ? false : recoverProject(root).rolledBack;
  const planned: { req: WriteRequest; abs: string; action: FileAction }[] = [];
  const conflicts: string[] = [];
  // Inside a directory that does not exist yet there is no symbolic link to follow: the lexical check suffices.
  const rootExists = existsSync(root);
  const classify = (req: WriteRequest) => {
    const who = `${req.pack}:${req.template}`;
    const abs = rootExists ? resolveOutputPath(root, req.path, who) : safeJoin(root, req.path, who);
    let action: FileAction = 'create';
    const st = rootExists ? lstatOrNull(abs) : null;
    if (st) {
      if (st.isDirectory())
        throw new GenerationError(`${req.path} is a directory in ${root}; ${req.pack}:${req.template} wants to write a file there`);
      if (req.skipIfExists && !req.internal) action = 'skip';
      else if (st.isFile() && (req.current ?? readFileSync(abs)).equals(req.content)) action = 'unchanged';
      else if (req.internal) action = 'overwrite';
      else if (opts.overwrite) action = 'overwrite';
      else conflicts.push(req.path);
    }
    planned.push({ req, abs, action });
  };
  files.forEach(classify);
  if (conflicts.length) throw conflictError(conflicts);
  // Bookkeeping files (lock, baselines) depend on what is actually written, so they come last.
  if (opts.finalize) {
    const user = planned.map((p) => ({
      path: p.req.path,
      pack: p.req.pack,
      template: p.req.template,
      bytes: p.req.content.length,
      action: p.action,
      content: p.req.content,
    }));
    opts.finalize(user).forEach((r) => classify({ ...r, internal: true }));
  }
  const removals = (opts.removals ?? []).map((rel) => ({ rel, abs: resolveOutputPath(root, rel) })).filter((r) => existsSync(r.abs));
  const result = (backupDir: string | null): ApplyOutcome => ({
    output: root,
    files: planned
      .filter((p) => !p.req.internal)
      .map((p) => ({ path: p.req.path, pack: p.req.pack, template: p.req.template, bytes: p.req.content.length, action: p.action })),
    backupDir,
    recovered,
    dryRun: Boolean(opts.dryRun),
  });
  if (opts.dryRun) return result(null);

  const work = planned.filter((p) => p.action === 'create' || p.action === 'overwrite');
  if (work.length === 0 && removals.length === 0) return result(null);
  checkRoom(root, work, rootExists);
  if (!rootExists) {
    writeNewTree(root, work);
    return result(null);
  }
  return result(replaceInPlace(root, work, removals, opts.beforeMove));
}

/** The pre-flight check: refuse (exit 4, nothing touched) when the file system cannot hold the run. */
function checkRoom(root: string, work: { req: WriteRequest; abs: string }[], rootExists: boolean): void {
  if (!engineConfig().spaceCheck) return;
  const dirs = new Set(work.map((p) => dirname(p.abs)).filter((d) => !existsSync(d)));
  const space = checkSpace(root, {
    files: work.map((p) => p.req.content.length),
    dirs: dirs.size + (rootExists ? 2 : 1),
    extra: rootExists ? 200 * work.length : 0,
  });
  if (space.enough) return;
  throw new GenerationError(
    `Not enough space to write into ${root}: this run needs about ${formatBytes(space.needed)}, and its file system has ${formatBytes(space.available)} free. Nothing was changed.`,
    { hint: `Free at least ${formatBytes(space.needed - space.available)} on that file system (or write elsewhere) and run again.` },
  );
}

/**
 * A new output directory: build the whole tree in a staging folder beside it and rename it into
 * place. One rename is atomic, so no journal is needed: a crash leaves only the hidden staging
 * folder (its name carries our pid, so the next run sweeps it).
 */
function writeNewTree(root: string, work: { req: WriteRequest }[]): void {
  const createdDirs: string[] = [];
  let staging: string | null = null;
  const at = { rel: undefined as string | undefined };
  try {
    ensureDir(dirname(root), createdDirs);
    staging = mkdtempSync(join(dirname(root), stagingPrefix(basename(root))));
    writeTree(
      staging,
      work.map((p) => ({ rel: p.req.path, content: p.req.content, mode: p.req.mode })),
      at,
    );
    at.rel = undefined;
    renameSync(staging, root);
  } catch (err) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    removeDirs(createdDirs);
    throw writeError(err, root, 'nothing was written', at.rel);
  }
}

/**
 * An existing project: stage every new content under `.packs/` (same file system as the files it
 * replaces), make every folder the moves need, then move through the journal. Up to the journal,
 * nothing the user has was touched; after it, every step is a rename that the rollback reverses.
 */
function replaceInPlace(
  root: string,
  work: { req: WriteRequest; abs: string; action: FileAction }[],
  removals: { rel: string; abs: string }[],
  beforeMove: RunMovesOptions['beforeMove'] | undefined,
): string | null {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupRoot = join(root, '.packs', 'backup', stamp);
  const backupOf = (rel: string) => join(backupRoot, ...rel.split('/'));
  const createdDirs: string[] = [];
  let staging: string | null = null;
  const moves: Move[] = [];
  // Folders the moves need are listed in the journal first and made after it (runMoves' prepare),
  // so a kill while making them leaves nothing the next rollback does not remove.
  const moveDirs: string[] = [];
  let usedBackup = removals.length > 0;
  let at = '.packs';
  try {
    ensureDir(join(root, '.packs'), createdDirs);
    staging = mkdtempSync(join(root, '.packs', stagingPrefix('')));
    const umask = process.umask();
    for (const [i, p] of work.entries()) {
      at = p.req.path;
      const staged = join(staging, String(i));
      // Files are created with their mode; chmod only when the umask would strip bits the source has.
      const mode = p.req.mode & 0o777;
      writeFileSync(staged, p.req.content, { mode });
      if ((mode & ~umask) !== mode) chmodSync(staged, mode);
      planDirs(dirname(p.abs), moveDirs);
      if (p.action === 'overwrite') {
        // The user's file goes to the backup folder; engine bookkeeping (packs.lock) stays hidden in staging.
        const aside = p.req.internal ? join(staging, `old-${i}`) : backupOf(p.req.path);
        if (!p.req.internal) {
          planDirs(dirname(aside), moveDirs);
          usedBackup = true;
        }
        moves.push({ from: p.abs, to: aside, original: true });
      }
      moves.push({ from: staged, to: p.abs });
    }
    for (const r of removals) {
      planDirs(dirname(backupOf(r.rel)), moveDirs);
      moves.push({ from: r.abs, to: backupOf(r.rel), original: true });
    }
  } catch (err) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    removeDirs(createdDirs);
    throw writeError(err, root, 'nothing was changed', at);
  }
  const journal = { version: 2 as const, moves, createdDirs: moveDirs, cleanup: [staging] };
  at = '.packs/journal.json';
  const prepare = () => {
    for (const d of moveDirs) {
      at = relative(root, d);
      mkdirSync(d);
    }
  };
  try {
    runMoves(journalPath(root), journal, { prepare, ...(beforeMove && { beforeMove }) });
  } catch (err) {
    if (!(err instanceof MoveFailure)) {
      // The journal could not be written, or a folder not made: nothing has moved (runMoves rolled back).
      rmSync(staging, { recursive: true, force: true });
      removeDirs(createdDirs);
      throw writeError(err, root, 'nothing was changed', at);
    }
    // The user's path of the failed move: where a staged file was going, or the file being put aside.
    const failedAt = relative(root, err.failed.from.startsWith(staging) ? err.failed.to : err.failed.from);
    const cause = explainMoveError(err);
    if (err.rollback.complete) throw writeError(cause, root, 'every change was rolled back and the project is as it was', failedAt);
    throw strandedError(root, err, cause, failedAt);
  }
  return usedBackup ? backupRoot : null;
}

/**
 * A rename fails with EXDEV when its two ends are on different mounts — which is also what a
 * read-only bind mount inside the project gives. Ask the folders themselves which it is.
 */
function explainMoveError(err: MoveFailure): ErrnoLike {
  if (err.error.code !== 'EXDEV') return err.error;
  for (const dir of [dirname(err.failed.from), dirname(err.failed.to)]) {
    try {
      accessSync(dir, constants.W_OK);
    } catch (probe) {
      return { ...(probe as NodeJS.ErrnoException), message: (probe as Error).message };
    }
  }
  return err.error;
}

/** The rollback could not finish: say where every original is, and that the next run finishes it. */
function strandedError(root: string, err: MoveFailure, cause: ErrnoLike, failedAt: string): GenerationError {
  const show = (abs: string) => relative(root, abs) || abs;
  const where = describeStranded(err.rollback, show);
  const issues: Issue[] = where.map((line, i) => ({
    code: 'packs/rollback-incomplete',
    severity: 'error',
    message: line,
    file: show(err.rollback.stranded[i]!.wanted),
    range: null,
  }));
  return new GenerationError(
    `Writing into ${root} failed at ${failedAt} (${describeErrno(cause)}), and the rollback could not finish (${err.rollback.errors[0] ?? 'see below'}). ` +
      (where.length ? `Nothing is lost: ${where.join('; ')}.` : 'No original file was moved.'),
    {
      issues,
      hint: `${errnoHint(cause, root)} Then run any ggen-pack command on ${root} (e.g. \`ggen-pack regenerate --dry-run\`): it finishes the rollback from .packs/journal.json.`,
      cause: err,
    },
  );
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** Write files under `dir` (all new), creating folders once each; keeps executable bits. `at` tells a failure's file. */
function writeTree(dir: string, files: { rel: string; content: Buffer; mode: number }[], at: { rel: string | undefined }): void {
  const made = new Set<string>([dir]);
  const umask = process.umask();
  for (const f of files) {
    at.rel = f.rel;
    const abs = join(dir, ...f.rel.split('/'));
    const parent = dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      for (let d = parent; !made.has(d); d = dirname(d)) made.add(d);
    }
    const mode = f.mode & 0o777;
    writeFileSync(abs, f.content, { mode });
    if ((mode & ~umask) !== mode) chmodSync(abs, mode);
  }
}

/** A failed write, in words: what failed, where, and what state the project is in (`outcome`, which must be true). */
function writeError(err: unknown, root: string, outcome: string, at?: string): PackError {
  if (err instanceof PackError) return err;
  const e = err as ErrnoLike;
  const where = at ?? (e.path ? relative(root, e.path) || e.path : null);
  const message = `Writing into ${root} failed${where ? ` at ${where}` : ''}: ${describeErrno(e)}; ${outcome}.`;
  const opts = { hint: errnoHint(e, root), cause: err };
  return isPermissionErrno(e) ? new PermissionError(message, opts) : new GenerationError(message, opts);
}
