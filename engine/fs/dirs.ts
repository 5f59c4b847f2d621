/** Folder bookkeeping for writers that must leave no trace on failure: make what is missing, remember it, remove it again. */
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** mkdir -p that records each folder it creates (parents first). */
export function ensureDir(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  ensureDir(dirname(dir), created);
  try {
    mkdirSync(dir);
  } catch (err) {
    // Another process made it a moment ago: it is there, and it is not ours to remove.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory()) return;
    throw err;
  }
  created.push(dir);
}

/** The folders `dir` needs that do not exist, parents first, added to `planned` (once each) — made later, after a journal lists them. */
export function planDirs(dir: string, planned: string[]): void {
  if (planned.includes(dir) || existsSync(dir)) return;
  planDirs(dirname(dir), planned);
  planned.push(dir);
}

/** Remove the folders a failed run made (children first), where they are still empty. */
export function removeDirs(created: string[]): void {
  for (const d of [...created].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      /* not empty (someone else's files) or already gone */
    }
  }
}
