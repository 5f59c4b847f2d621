/**
 * Copying a pack into the registry: files listed by `listPackFiles` (so symlinks leaving the pack
 * and excluded files never get in) are copied into a transaction's staging folder inside the
 * registry, verified against the source's integrity, and later moved into place by the journal
 * (engine/registry/transaction.ts).
 */
import { chmodSync, copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PackError } from '../errors';
import { integrityOfFiles, listPackFiles, type PackFile } from './integrity';

/** A pack about to be copied: its files, their integrity, and what they take on disk. */
export interface PackSource {
  src: string;
  excludes: string[];
  files: PackFile[];
  integrity: string;
  /** Byte size of each file (the pre-flight space check). */
  sizes: number[];
  /** Folders the copy creates (its root included). */
  dirs: number;
}

/** Lists the pack at `src` (PermissionError for links leaving it) and hashes it. */
export function readPackSource(src: string, excludes: string[]): PackSource {
  const files = listPackFiles(src, { excludes });
  const dirs = new Set(files.map((f) => dirname(f.path)));
  return {
    src,
    excludes,
    files,
    integrity: integrityOfFiles(files),
    sizes: files.map((f) => statSync(f.abs).size),
    dirs: [...dirs].filter((d) => d !== '.').length + 1,
  };
}

/**
 * Copies `source` into `dest` (a new folder inside a staging folder) and checks the copy's
 * integrity. `at.file` tells which file a failure happened at. The caller removes the staging
 * folder on failure.
 */
export function copyPackInto(dest: string, source: PackSource, at: { file?: string | undefined }): void {
  mkdirSync(dest);
  for (const f of source.files) {
    at.file = f.path;
    const target = join(dest, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(f.abs, target);
    chmodSync(target, statSync(f.abs).mode & 0o777);
  }
  at.file = undefined;
  const copied = integrityOfFiles(listPackFiles(dest, { excludes: source.excludes }));
  if (copied !== source.integrity) {
    throw new PackError('internal', `The copy of ${source.src} does not match its source (integrity ${copied} ≠ ${source.integrity})`, {
      hint: 'The source changed while it was being copied, or the disk is failing; try again.',
    });
  }
}
