/**
 * `ggen-pack merge <src> <dst>`: bring the files of one generated tree into another. New files are
 * copied; identical ones are left; for files both have, the strategy decides: overwrite (src wins,
 * dst backed up), skip (dst stays), smart (merge-content.ts: structural merge, else conflict
 * markers), ask (a callback). `preserve` globs are never touched. packs.lock is combined as data
 * (merge-lock.ts), with the baselines of what it takes over. Writes go through applyWrites
 * (atomic, backups, path checks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { applyWrites, type WriteRequest } from '../apply/apply';
import { baselineStoreWrite, openBaselines, removeLegacyBaselines } from '../apply/baseline-store';
import { LOCK_FILE, readLock, serializeLock } from '../apply/lockfile';
import { safeJoin } from '../apply/path-safety';
import { withProjectLock } from '../apply/project-lock';
import { recoverProject } from '../apply/recover';
import { NotFoundError } from '../errors';
import { mergeContents } from './merge-content';
import { mergeLocks } from './merge-lock';

export type MergeStrategy = 'overwrite' | 'skip' | 'ask' | 'smart';
export type TreeAction = 'copy' | 'overwrite' | 'merge' | 'conflict' | 'keep' | 'same' | 'preserve';

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === '.packs' || e.name === '.git' ? [] : walk(dir, r);
    return e.isFile() ? [r] : [];
  });
}

export interface MergeOptions {
  strategy: MergeStrategy;
  preserve?: string[];
  dryRun?: boolean;
  ask?: (path: string) => Promise<'src' | 'dst' | 'merge'>;
}

export interface MergeResult {
  files: { path: string; action: TreeAction }[];
  backupDir: string | null;
  /** Where the two packs.lock files disagreed (the destination's side stays). */
  warnings: string[];
}

export async function mergeTrees(src: string, dst: string, opts: MergeOptions): Promise<MergeResult> {
  for (const d of [src, dst]) if (!statSync(d, { throwIfNoEntry: false })?.isDirectory()) throw new NotFoundError(`No directory at ${d}`);
  // One writer per project (dst), from the recovery to the last write.
  return withProjectLock(dst, () => mergeLocked(src, dst, opts), { dryRun: opts.dryRun });
}

async function mergeLocked(src: string, dst: string, opts: MergeOptions): Promise<MergeResult> {
  recoverProject(dst); // before reading dst: an interrupted earlier write is rolled back first
  const preserved = picomatch(opts.preserve?.length ? opts.preserve : ['\0'], { dot: true });
  const files: { path: string; action: TreeAction }[] = [];
  const writes: WriteRequest[] = [];
  const write = (path: string, content: Buffer, mode: number, action: TreeAction) => {
    writes.push({ path, content, mode, pack: 'merge', template: src, skipIfExists: false });
    files.push({ path, action });
  };
  for (const path of walk(src).sort()) {
    if (path === LOCK_FILE) continue; // combined as data below
    if (preserved(path)) {
      files.push({ path, action: 'preserve' });
      continue;
    }
    const from = join(src, path);
    const mine = readFileSync(from);
    const mode = statSync(from).mode & 0o777;
    const target = safeJoin(dst, path);
    const theirs = statSync(target, { throwIfNoEntry: false })?.isFile() ? readFileSync(target) : null;
    if (theirs === null) write(path, mine, mode, 'copy');
    else if (theirs.equals(mine)) files.push({ path, action: 'same' });
    else {
      const choice =
        opts.strategy === 'ask'
          ? ((await opts.ask?.(path)) ?? 'dst')
          : opts.strategy === 'overwrite'
            ? 'src'
            : opts.strategy === 'skip'
              ? 'dst'
              : 'merge';
      if (choice === 'src') write(path, mine, mode, 'overwrite');
      else if (choice === 'dst') files.push({ path, action: 'keep' });
      else {
        const m = mergeContents(path, theirs, mine);
        write(path, m.content, mode, m.warning ? 'conflict' : 'merge');
      }
    }
  }
  const lock = lockWrites(src, dst, files, writes);
  // recovered: at the start of mergeLocked, under the project lock.
  const outcome = applyWrites(writes, { output: dst, overwrite: true, dryRun: opts.dryRun, recovered: true });
  // The destination's store now holds every baseline its lock references: a legacy `.packs/baseline/` can go.
  if (lock.wroteStore && !opts.dryRun) removeLegacyBaselines(dst);
  return { files, backupDir: outcome.backupDir, warnings: lock.warnings };
}

/**
 * The source's packs.lock merged into the destination's as data, and the destination's baseline
 * store for that lock: the baselines of the entries it takes over come from the source's store (or
 * legacy folder), the others from the destination's.
 */
function lockWrites(
  src: string,
  dst: string,
  files: { path: string; action: TreeAction }[],
  writes: WriteRequest[],
): { warnings: string[]; wroteStore: boolean } {
  const srcLock = readLock(src);
  if (!srcLock) return { warnings: [], wroteStore: false };
  const action = new Map(files.map((f) => [f.path, f.action]));
  const merged = mergeLocks(readLock(dst), srcLock, (path) => action.get(path) === 'copy' || action.get(path) === 'overwrite');
  const internal = (path: string, content: Buffer, template: string): WriteRequest => ({
    path,
    content,
    mode: 0o644,
    pack: 'merge',
    template,
    skipIfExists: false,
    internal: true,
  });
  writes.push(internal(LOCK_FILE, Buffer.from(serializeLock(merged.lock)), '(lock)'));
  files.push({ path: LOCK_FILE, action: 'merge' });
  writes.push(baselineStoreWrite(dst, merged.lock, 'merge', [], { also: [openBaselines(src)] }));
  return { warnings: merged.warnings, wroteStore: true };
}
