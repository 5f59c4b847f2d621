/**
 * Whether an archive entry's path is a plain relative path inside its root: not empty, no NUL, no
 * backslash, not absolute (`/…`, `C:…`), no `.` / `..` / empty segment. The bundle reader and the
 * npm tarball reader refuse every other entry before anything is written.
 */
export function isPlainRelativePath(p: string): boolean {
  return !(
    p === '' ||
    p.includes('\0') ||
    p.includes('\\') ||
    /^([a-zA-Z]:|\/)/.test(p) ||
    p.split('/').some((s) => s === '..' || s === '.' || s === '')
  );
}
