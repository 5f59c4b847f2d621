/**
 * `ggen-pack regenerate [dir]` (SPEC §3, §4): re-render a generated project from its packs.lock with
 * the same or newer pack versions (newest within each locked major), keeping hand edits. Per file:
 * base = the baseline (content as generated last time), ours = the file on disk, theirs = the new
 * render. Untouched files take the new render, edited files whose template did not change stay as
 * they are, and files where both changed are merged line by line (node-diff3); overlapping changes
 * get conflict markers and are reported (exit 4). Replaced files are backed up; paths matching
 * `preserve` are never touched; files the user deleted stay deleted unless `all`.
 */
import { packFinder } from '../registry/store';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { merge as diff3Merge } from 'node-diff3';
import picomatch from 'picomatch';
import { applyWrites, type ApplyOptions, type WriteRequest } from '../apply/apply';
import { openBaselines, removeLegacyBaselines } from '../apply/baseline-store';
import { LOCK_FILE, lockFileEntries, readLock, type LockData } from '../apply/lockfile';
import { safeJoin } from '../apply/path-safety';
import { withProjectLock } from '../apply/project-lock';
import { recoverProject } from '../apply/recover';
import { NotFoundError } from '../errors';
import { planGeneration, type PlannedFile, type VariableLayer } from '../generate';
import { bookkeepingWrites } from '../generate/apply-plan';
import { resolvePackArg } from '../registry/resolve-arg';
import type { LoadedPack, PackStore } from '../registry/types';
import { isBinary } from '../render/binary';
import { resolveRequirements } from '../resolve';

export type RegenAction =
  | 'create' // new in this version
  | 'update' // unedited: takes the new render
  | 'merge' // both changed, merged cleanly
  | 'conflict' // both changed in the same lines: written with markers (or kept, for binaries)
  | 'keep' // edited by hand, template unchanged
  | 'unchanged'
  | 'deleted' // generated before, deleted by the user: stays deleted (unless `all`)
  | 'preserve' // matches `preserve`
  | 'untracked' // exists but was not generated: left alone
  | 'remove' // no longer generated and unedited: removed (backed up)
  | 'orphan'; // no longer generated but edited: kept

export interface RegenFile {
  path: string;
  pack: string;
  template: string;
  action: RegenAction;
  /** With `withContents`: the three sides an editor's merge view needs (base = the stored baseline). */
  contents?: { base: Buffer | null; ours: Buffer | null; theirs: Buffer };
}

export interface RegenerateOptions {
  dir: string;
  store: PackStore;
  /** Values that override the lock's (`--var`, `--vars-file`), highest first. */
  layers: VariableLayer[];
  templates?: string[];
  all?: boolean;
  preserve?: string[];
  dryRun?: boolean;
  /** Keep every file's three sides and, on a dry run, the writes (an editor's preview applies them itself). */
  withContents?: boolean;
  /** Tests only (see ApplyOptions). */
  beforeMove?: ApplyOptions['beforeMove'];
}

export interface RegenerateResult {
  dir: string;
  packs: { name: string; from: string; to: string }[];
  files: RegenFile[];
  conflicts: string[];
  backupDir: string | null;
  dryRun: boolean;
  /** With `withContents` on a dry run: every write (files, packs.lock, baselines) and the files to remove. */
  writes?: { path: string; content: Buffer; internal: boolean }[];
  removals?: string[];
}

const readOrNull = (file: string): Buffer | null => (existsSync(file) ? readFileSync(file) : null);

/** The packs of the lock at their newest version within the locked major (path packs as they are). */
function lockedPacks(store: PackStore, dir: string, lock: LockData): { packs: LoadedPack[]; warnings: string[] } {
  const fixed: LoadedPack[] = [];
  const roots = [];
  for (const p of lock.packs) {
    if (p.source.startsWith('path:')) fixed.push(resolvePackArg(store, dir, resolve(dir, p.source.slice(5))));
    else roots.push({ name: p.name, range: `^${p.version}`, requirer: LOCK_FILE });
  }
  for (const f of fixed) roots.push({ name: f.name, range: f.version, requirer: LOCK_FILE });
  return resolveRequirements(store, roots, { fixed });
}

const MARKER_LABELS = { a: 'your edit', b: 'new pack version' };

/** Whether a file still holds the markers threeWay wrote (both ends of a conflict block). */
function hasConflictMarkers(content: Buffer): boolean {
  const text = content.toString('utf8');
  return (
    text.includes(`\n>>>>>>> ${MARKER_LABELS.b}`) &&
    (text.startsWith(`<<<<<<< ${MARKER_LABELS.a}`) || text.includes(`\n<<<<<<< ${MARKER_LABELS.a}`))
  );
}

function threeWay(base: Buffer, ours: Buffer, theirs: Buffer): { text: string; conflict: boolean } {
  const lines = (b: Buffer) => b.toString('utf8').split('\n');
  const m = diff3Merge(lines(ours), lines(base), lines(theirs), { label: MARKER_LABELS });
  return { text: m.result.join('\n'), conflict: m.conflict };
}

/** Regenerate `opts.dir`. Throws NotFoundError (no lock, pack gone), ValidationError (variables), GenerationError. */
export function regenerate(opts: RegenerateOptions): Promise<RegenerateResult> {
  // One writer per project, from the recovery to the last write.
  return withProjectLock(resolve(opts.dir), () => regenerateLocked(opts), { dryRun: opts.dryRun });
}

async function regenerateLocked(opts: RegenerateOptions): Promise<RegenerateResult> {
  const dir = resolve(opts.dir);
  // A regenerate that a kill interrupted is rolled back before the lock and the files are read.
  recoverProject(dir);
  const lock = readLock(dir);
  if (!lock)
    throw new NotFoundError(`No ${LOCK_FILE} in ${dir}`, {
      hint: 'regenerate works on a project made by `ggen-pack generate` (it records what it wrote in packs.lock).',
    });
  const { packs } = lockedPacks(opts.store, dir, lock);
  const plan = await planGeneration({
    packs,
    layers: [...opts.layers, { source: LOCK_FILE, values: lock.variables, unknown: 'ignore' }],
    templates: opts.templates,
    output: dir,
    findPack: packFinder(opts.store),
  });
  const preserved = picomatch(opts.preserve?.length ? opts.preserve : ['\0'], { dot: true });
  const before = new Map(lock.files.map((f) => [f.path, f]));
  // The stored baselines (the store file, or a legacy project's `.packs/baseline/`), read lazily.
  const baselines = openBaselines(dir);
  const baseline = (sha: string) => baselines.get(sha);

  const files: RegenFile[] = [];
  const writes: WriteRequest[] = [];
  const rendered: PlannedFile[] = [];
  const keptEntries: LockData['files'] = [];
  const withMarkers = new Set<string>();
  for (const f of plan.files) {
    const entry = before.get(f.path);
    const ours = preserved(f.path) ? null : readOrNull(safeJoin(dir, f.path));
    // The stored baseline, read at most once per file (the merge and the editor's three sides share it).
    let base: Buffer | null | undefined;
    const baseOf = () => (base === undefined ? (base = entry ? baseline(entry.sha256) : null) : base);
    const note = (action: RegenAction) =>
      files.push({
        path: f.path,
        pack: f.pack,
        template: f.template,
        action,
        ...(opts.withContents && { contents: { base: baseOf(), ours, theirs: f.content } }),
      });
    if (preserved(f.path)) {
      note('preserve');
      if (entry) keptEntries.push(entry); // still tracked, with its old baseline
      continue;
    }
    const write = (content: Buffer, action: RegenAction) => {
      writes.push({ path: f.path, content, mode: f.mode, pack: f.pack, template: f.template, skipIfExists: false });
      note(action);
    };
    if (!entry && ours !== null && !ours.equals(f.content)) {
      note('untracked'); // not ours to change, and not tracked from now on either
      continue;
    }
    if (entry?.conflict && ours !== null && hasConflictMarkers(ours)) {
      // Conflicts are remembered: until the markers are resolved, the file stays as it is and is reported again.
      note('conflict');
      keptEntries.push(entry);
      continue;
    }
    rendered.push(f);
    if (ours === null) {
      if (entry && !opts.all)
        note('deleted'); // stays tracked, so it stays deleted next time too
      else write(f.content, 'create');
    } else if (ours.equals(f.content)) note('unchanged');
    else if (f.skipIfExists) note('keep');
    else {
      const b = baseOf(); // entry is set here: untracked files left above
      if (b?.equals(ours)) write(f.content, 'update');
      else if (b?.equals(f.content)) note('keep');
      else if (b && !isBinary(b) && !isBinary(ours) && !isBinary(f.content)) {
        const m = threeWay(b, ours, f.content);
        write(Buffer.from(m.text, 'utf8'), m.conflict ? 'conflict' : 'merge');
        if (m.conflict) withMarkers.add(f.path);
      } else note('conflict'); // no baseline or binary: the user's file stays; the report says so
    }
  }
  // Generated before, not any more (only when every template was rendered).
  const removals: string[] = [];
  if (!opts.templates?.length) {
    const now = new Set(plan.files.map((f) => f.path));
    for (const e of lock.files) {
      if (now.has(e.path) || preserved(e.path)) continue;
      const ours = readOrNull(safeJoin(dir, e.path));
      if (ours === null) continue;
      const unedited = baseline(e.sha256)?.equals(ours) ?? false;
      files.push({ path: e.path, pack: e.pack, template: e.template, action: unedited ? 'remove' : 'orphan' });
      if (unedited) removals.push(e.path);
    }
  }

  // The new lock: the baseline of every file is the pristine render, so the next regenerate
  // still tells the user's edits from the pack's.
  const kept = [...keptEntries, ...(opts.templates?.length ? lock.files.filter((e) => !plan.files.some((f) => f.path === e.path)) : [])];
  const newLock: LockData = {
    ...plan.lock,
    files: [...kept, ...lockFileEntries(rendered).map((e) => (withMarkers.has(e.path) ? { ...e, conflict: true as const } : e))],
  };
  const result = (backupDir: string | null): RegenerateResult => ({
    dir,
    packs: packs.map((p) => ({ name: p.name, from: lock.packs.find((l) => l.name === p.name)?.version ?? '(new)', to: p.version })),
    files,
    conflicts: files.filter((f) => f.action === 'conflict').map((f) => f.path),
    backupDir,
    dryRun: Boolean(opts.dryRun),
  });
  if (opts.dryRun) {
    if (!opts.withContents) return result(null);
    const bookkeeping = bookkeepingWrites(dir, newLock, plan.root.name, rendered, baselines);
    return {
      ...result(null),
      writes: [
        ...writes.map((w) => ({ path: w.path, content: w.content, internal: false })),
        ...bookkeeping.map((w) => ({ path: w.path, content: w.content, internal: true })),
      ],
      removals,
    };
  }

  // Removed files go to the backup folder in the same transaction as the writes.
  const outcome = applyWrites(writes, {
    output: dir,
    overwrite: true,
    removals,
    finalize: () => bookkeepingWrites(dir, newLock, plan.root.name, rendered, baselines),
    beforeMove: opts.beforeMove,
    recovered: true, // at the start of regenerateLocked, under the project lock
  });
  // The store now holds every baseline the lock references: a legacy `.packs/baseline/` can go.
  removeLegacyBaselines(dir);
  return result(outcome.backupDir);
}
