/**
 * The pre-flight space check: before a run moves anything, estimate what it will write and refuse
 * when the file system cannot hold it. Cheap (one statfs) and conservative: every file and folder
 * is rounded up to whole blocks, so a run that passes does not fail half-way for want of space
 * (quotas and other writers can still make it fail; the move journal covers that).
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SpaceNeed {
  /** Sizes of the files to be written. */
  files: number[];
  /** Folders to be created. */
  dirs: number;
  /** Bytes of bookkeeping on top (the journal). */
  extra?: number;
}

export interface SpaceCheck {
  needed: number;
  available: number;
  enough: boolean;
}

/** statfs of `path`, or of its nearest existing ancestor (a new output folder). */
function statfsNearest(path: string): { bsize: number; bavail: number } | null {
  for (let p = path; ; p = dirname(p)) {
    try {
      const s = statfsSync(p);
      return { bsize: Number(s.bsize), bavail: Number(s.bavail) };
    } catch {
      if (dirname(p) === p) return null;
    }
  }
}

/** Whether the file system holding `path` has room for `need`. Unknown (no statfs) counts as enough. */
export function checkSpace(path: string, need: SpaceNeed): SpaceCheck {
  const fs = statfsNearest(path);
  if (!fs) return { needed: 0, available: Infinity, enough: true };
  const bsize = fs.bsize || 4096;
  const blocks = (n: number) => Math.ceil(n / bsize) * bsize;
  const needed = need.files.reduce((sum, n) => sum + blocks(n), 0) + need.dirs * bsize + blocks(need.extra ?? 0);
  const available = fs.bavail * bsize;
  return { needed, available, enough: needed <= available };
}

/** "1.2 MB", "400 KB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
