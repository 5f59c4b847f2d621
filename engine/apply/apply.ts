/**
 * Atomic apply (SPEC §4 "Apply is atomic"): check every path and every conflict first, stage all
 * contents in a folder beside the output (same file system, so moves are renames), journal the moves,
 * move, and roll back on any failure. Existing files are replaced only with `overwrite`, and then
 * backed up under `.packs/backup/<timestamp>/`. `dryRun` stops after the checks.
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Issue } from '../../protocol';
import { GenerationError, PackError, PermissionError } from '../errors';
import { recoverJournal, rollBack, writeJournal, type Journal, type JournalEntry } from './journal';
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

// overwrite, dryRun and faultAfterMoves accept undefined (= the default): applyPlan and mergeTrees pass their own options through.
export interface ApplyOptions {
  output: string;
  overwrite?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Extra bookkeeping writes computed from the classified files (packs.lock, baselines). */
  finalize?: (files: (AppliedFile & { content: Buffer })[]) => WriteRequest[];
  /** Tests only: fail (or, with crash, stop without rolling back, as a killed process would) after N moves. */
  faultAfterMoves?: { count: number; crash?: boolean } | undefined;
}

export interface ApplyOutcome {
  output: string;
  files: AppliedFile[];
  /** Folder holding the replaced files, or null when nothing was replaced. */
  backupDir: string | null;
  /** True when an interrupted earlier apply was rolled back first. */
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
  const recovered = opts.dryRun ? false : recoverJournal(root);
  const planned: { req: WriteRequest; abs: string; action: FileAction }[] = [];
  const conflicts: string[] = [];
  // Inside a directory that does not exist yet there is no symbolic link to follow: the lexical check suffices.
  const rootExists = existsSync(root);
  const classify = (req: WriteRequest) => {
    const abs = rootExists ? resolveOutputPath(root, req.path) : safeJoin(root, req.path);
    let action: FileAction = 'create';
    const st = rootExists ? lstatOrNull(abs) : null;
    if (st) {
      if (st.isDirectory())
        throw new GenerationError(`${req.path} is a directory in ${root}; ${req.pack}:${req.template} wants to write a file there`);
      if (req.skipIfExists && !req.internal) action = 'skip';
      else if (st.isFile() && readFileSync(abs).equals(req.content)) action = 'unchanged';
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
  if (work.length === 0) return result(null);
  const createdDirs: string[] = [];
  ensureDir(dirname(root), createdDirs);
  const staging = mkdtempSync(join(dirname(root), `.${basename(root)}.packs-staging-`));
  if (!rootExists) {
    // A new output directory: build the whole tree in the staging folder and rename it into place.
    // One rename is atomic, so no journal is needed: a crash leaves only the hidden staging folder.
    try {
      writeTree(
        staging,
        work.map((p) => ({ rel: p.req.path, content: p.req.content, mode: p.req.mode })),
        opts.faultAfterMoves,
      );
      renameSync(staging, root);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      for (const d of createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
      throw ioError(err, root);
    }
    return result(null);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupRoot = join(root, '.packs', 'backup', stamp);
  let usedBackup = false;
  const entries: JournalEntry[] = work.map((p, i) => {
    const entry: JournalEntry = { target: p.abs, staged: join(staging, String(i)) };
    if (p.action === 'overwrite' && !p.req.internal) {
      entry.backup = join(backupRoot, ...p.req.path.split('/'));
      usedBackup = true;
    }
    return entry;
  });
  const journal: Journal = { version: 1, staging, entries, createdDirs };
  try {
    // Files are created with their mode; chmod only when the umask would strip bits the source has.
    const umask = process.umask();
    work.forEach((p, i) => {
      const mode = p.req.mode & 0o777;
      const { staged } = entries[i]!; // entries is work.map(…): one entry per item, same index
      writeFileSync(staged, p.req.content, { mode });
      if ((mode & ~umask) !== mode) chmodSync(staged, mode);
    });
    ensureDir(join(root, '.packs'), createdDirs);
    for (const e of entries) {
      ensureDir(dirname(e.target), createdDirs);
      if (e.backup) ensureDir(dirname(e.backup), createdDirs);
    }
    writeJournal(root, journal);
  } catch (err) {
    rollBack(root, journal);
    throw ioError(err, root);
  }
  let moves = 0;
  try {
    for (const e of entries) {
      if (opts.faultAfterMoves && moves === opts.faultAfterMoves.count) {
        if (opts.faultAfterMoves.crash) return result(usedBackup ? backupRoot : null);
        throw new Error('injected fault');
      }
      if (e.backup) renameSync(e.target, e.backup);
      renameSync(e.staged, e.target);
      moves++;
    }
  } catch (err) {
    rollBack(root, journal);
    throw ioError(err, root);
  }
  unlinkSync(join(root, '.packs', 'journal.json'));
  rmSync(staging, { recursive: true, force: true });
  return result(usedBackup ? backupRoot : null);
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** Write files under `dir` (all new), creating folders once each; keeps executable bits. */
function writeTree(dir: string, files: { rel: string; content: Buffer; mode: number }[], fault?: { count: number }): void {
  const made = new Set<string>([dir]);
  const umask = process.umask();
  files.forEach((f, i) => {
    if (fault && i === fault.count) throw new Error('injected fault');
    const abs = join(dir, ...f.rel.split('/'));
    const parent = dirname(abs);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      for (let d = parent; !made.has(d); d = dirname(d)) made.add(d);
    }
    const mode = f.mode & 0o777;
    writeFileSync(abs, f.content, { mode });
    if ((mode & ~umask) !== mode) chmodSync(abs, mode);
  });
}

/** mkdir -p that records each folder it creates (parents first). */
function ensureDir(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  ensureDir(dirname(dir), created);
  mkdirSync(dir);
  created.push(dir);
}

function ioError(err: unknown, root: string): PackError {
  if (err instanceof PackError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new PermissionError(`Permission denied writing into ${root} (${e.message}); every change was rolled back`, {
      hint: 'Check the permissions of the output directory.',
      cause: err,
    });
  }
  return new GenerationError(`Writing into ${root} failed (${e.code ?? 'error'}: ${e.message}); every change was rolled back`, {
    hint: 'Fix the cause and run again.',
    cause: err,
  });
}
