/**
 * What a failed system call means, in words a user can act on. Shared by every writer so that
 * "no space left on device" reads the same from generate, regenerate, merge and install.
 */

const MEANING: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EIO: 'an input/output error (the disk may be failing)',
  ENOENT: 'a file or folder vanished (removed by another process?)',
  ENOTDIR: 'a folder was replaced by a file (by another process?)',
  EISDIR: 'a file was replaced by a folder (by another process?)',
  EEXIST: 'a file appeared that was not there before (created by another process?)',
  ENOTEMPTY: 'a folder that should be empty is not (written by another process?)',
  EXDEV: 'the path crosses onto another file system (a mount point?)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'a file name is too long for this file system',
};

export interface ErrnoLike {
  code?: string | undefined;
  path?: string | undefined;
  message: string;
}

/** "no space left on the device (ENOSPC)", or the system's own message for codes not listed. */
export function describeErrno(err: ErrnoLike): string {
  const meaning = err.code ? MEANING[err.code] : undefined;
  if (meaning) return `${meaning} (${err.code})`;
  return err.code ? `${err.message.replace(/^[A-Z]+: /, '')}` : err.message;
}

/** What to do about it, when the code says. */
export function errnoHint(err: ErrnoLike, where: string): string {
  switch (err.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Free some space on the file system of ${where} and run again.`;
    case 'EROFS':
      return `${where} (or a folder in it) is on a read-only file system; remount it read-write or write elsewhere.`;
    case 'EACCES':
    case 'EPERM':
      return `Check the permissions of ${where} and the folders in it.`;
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EEXIST':
    case 'ENOTEMPTY':
      return `Another program changed ${where} while this run was writing; let it finish and run again.`;
    default:
      return 'Fix the cause and run again.';
  }
}

/** Permission problems are exit 6 (SPEC §10); the rest of a failed write is a generation failure. */
export const isPermissionErrno = (err: ErrnoLike) => err.code === 'EACCES' || err.code === 'EPERM';
