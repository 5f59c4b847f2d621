/**
 * Copying a pack into the registry: files listed by `listPackFiles` (so symlinks leaving the pack
 * and excluded files never get in) are copied into a staging folder inside the registry, verified
 * against the source's integrity, and later renamed into place in one step.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PackError } from '../errors';
import { integrityOfFiles, listPackFiles } from './integrity';
import { packsDir } from './paths';

export interface StagedPack {
  /** The staging folder (inside $GGEN_HOME/packs, so the final rename stays on one file system). */
  tmp: string;
  integrity: string;
}

/** Copies the pack at `src` into a fresh staging folder of the registry at `home`. */
export function stagePack(home: string, src: string, excludes: string[]): StagedPack {
  const files = listPackFiles(src, { excludes });
  const integrity = integrityOfFiles(files);
  const tmp = join(packsDir(home), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    for (const f of files) {
      const dest = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(f.abs, dest);
      chmodSync(dest, statSync(f.abs).mode & 0o777);
    }
    const copied = integrityOfFiles(listPackFiles(tmp, { excludes }));
    if (copied !== integrity) {
      throw new PackError('internal', `The copy of ${src} does not match its source (integrity ${copied} ≠ ${integrity})`, {
        hint: 'The source changed while it was being copied, or the disk is failing; try again.',
      });
    }
    return { tmp, integrity };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Moves a folder out of the way (atomic rename) and deletes it; returns quietly if it is gone. */
export function discardFolder(home: string, dir: string): void {
  const trash = join(packsDir(home), `.trash-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    renameSync(dir, trash);
  } catch {
    return;
  }
  rmSync(trash, { recursive: true, force: true });
}
