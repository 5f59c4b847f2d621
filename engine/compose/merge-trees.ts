/**
 * `ggen-pack merge <src> <dst>`: bring the files of one generated tree into another. New files are
 * copied; identical ones are left; for files both have, the strategy decides: overwrite (src wins,
 * dst backed up), skip (dst stays), smart (merge-content.ts: structural merge, else conflict
 * markers), ask (a callback). `preserve` globs are never touched. Writes go through applyWrites
 * (atomic, backups, path checks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { applyWrites, type WriteRequest } from '../apply/apply';
import { safeJoin } from '../apply/path-safety';
import { recoverProject } from '../apply/recover';
import { NotFoundError } from '../errors';
import { mergeContents } from './merge-content';

export type MergeStrategy = 'overwrite' | 'skip' | 'ask' | 'smart';
export type TreeAction = 'copy' | 'overwrite' | 'merge' | 'conflict' | 'keep' | 'same' | 'preserve';

function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === '.packs' || e.name === '.git' ? [] : walk(dir, r);
    return e.isFile() ? [r] : [];
  });
}

export async function mergeTrees(
  src: string,
  dst: string,
  opts: { strategy: MergeStrategy; preserve?: string[]; dryRun?: boolean; ask?: (path: string) => Promise<'src' | 'dst' | 'merge'> },
): Promise<{ files: { path: string; action: TreeAction }[]; backupDir: string | null }> {
  for (const d of [src, dst]) if (!statSync(d, { throwIfNoEntry: false })?.isDirectory()) throw new NotFoundError(`No directory at ${d}`);
  recoverProject(dst); // before reading dst: an interrupted earlier write is rolled back first
  const preserved = picomatch(opts.preserve?.length ? opts.preserve : ['\0'], { dot: true });
  const files: { path: string; action: TreeAction }[] = [];
  const writes: WriteRequest[] = [];
  const write = (path: string, content: Buffer, mode: number, action: TreeAction) => {
    writes.push({ path, content, mode, pack: 'merge', template: src, skipIfExists: false });
    files.push({ path, action });
  };
  for (const path of walk(src).sort()) {
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
  const outcome = applyWrites(writes, { output: dst, overwrite: true, dryRun: opts.dryRun });
  return { files, backupDir: outcome.backupDir };
}
