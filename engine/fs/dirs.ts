/** Folder bookkeeping for writers that must leave no trace on failure: make what is missing, remember it, remove it again. */
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** mkdir -p that records each folder it creates (parents first). */
export function ensureDir(dir: string, created: string[]): void {
  if (existsSync(dir)) return;
  ensureDir(dirname(dir), created);
  mkdirSync(dir);
  created.push(dir);
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
