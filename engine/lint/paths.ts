/** Path checks shared by lint rules: pack-relative paths must stay inside the pack / output root. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when a manifest path is absolute or climbs out with `..` (also for output paths, before rendering). */
export function escapesRoot(p: string): boolean {
  if (p === '') return false;
  if (isAbsolute(p) || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\') || p.startsWith('/')) return true;
  return p.split(/[\\/]+/).includes('..');
}

/** Absolute path of a pack-relative path, or null when it would leave the pack. */
export function insidePack(packDir: string, p: string): string | null {
  if (escapesRoot(p)) return null;
  const abs = resolve(packDir, p);
  const rel = relative(packDir, abs);
  return rel.startsWith('..' + sep) || rel === '..' ? null : abs;
}
