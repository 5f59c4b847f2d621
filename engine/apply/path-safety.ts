/**
 * Path safety for writes (SPEC §4, §8): every generated path must stay inside the output root. A
 * path is rejected (PermissionError, exit 6) when it is absolute, has a `..` segment, a NUL byte,
 * a drive letter, or passes through an existing symbolic link that leads outside the root.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { PermissionError } from '../errors';

function reject(rel: string, why: string, who?: string): never {
  throw new PermissionError(`Refusing to write "${rel}"${who ? ` (from ${who})` : ''}: ${why}`, {
    hint: "Generated paths must stay inside the output directory: fix the template's output_path, file name or `to:` (or the variable that fills it).",
  });
}

/**
 * The absolute path of `rel` under `root`, checked lexically (no file-system access). `rel` uses
 * `/` (a `\` counts as a separator too, so Windows-style escapes are caught on every platform).
 * `who` (e.g. `pack:template`) names what produced the path in the error.
 */
export function safeJoin(root: string, rel: string, who?: string): string {
  if (rel === '') reject(rel, 'the path is empty', who);
  if (rel.includes('\0')) reject(rel, 'the path contains a NUL byte', who);
  // Checked before the segments: "/etc/x" is an absolute path, not a path with an empty first segment.
  if (isAbsolute(rel) || /^[\\/]/.test(rel) || /^[a-zA-Z]:/.test(rel))
    reject(rel, 'the path is absolute; generated paths are relative to the output directory', who);
  const segments = rel.split(/[\\/]/);
  if (segments.some((s) => s === '..')) reject(rel, 'the path leaves the output directory ("..")', who);
  if (segments.some((s) => s === '')) reject(rel, 'the path has an empty segment', who);
  const base = resolve(root);
  const abs = join(base, ...segments);
  if (abs === base) reject(rel, 'the path names the output directory itself', who);
  if (!abs.startsWith(base + sep)) reject(rel, 'the path leaves the output directory', who);
  return abs;
}

/** The real path of `root` if it exists, else of its nearest existing ancestor joined with the rest. */
function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    const parent = resolve(root, '..');
    return parent === root ? root : join(realRoot(parent), root.slice(parent.length));
  }
}

/**
 * Check the existing part of `abs` (inside `root`) for symbolic links that leave the root; the
 * final component may be a link only if it also resolves inside. Throws PermissionError.
 */
export function assertNoSymlinkEscape(root: string, abs: string, rel: string, who?: string): void {
  const base = resolve(root);
  const rootReal = realRoot(base);
  const parts = abs.slice(base.length).split(sep).filter(Boolean);
  let cur = base;
  for (const p of parts) {
    cur = join(cur, p);
    let st;
    try {
      st = lstatSync(cur);
    } catch {
      return; // the rest does not exist yet: nothing to follow
    }
    if (!st.isSymbolicLink()) continue;
    let real: string;
    try {
      real = realpathSync(cur);
    } catch {
      reject(rel, `${cur} is a broken symbolic link`, who);
    }
    if (real !== rootReal && !real.startsWith(rootReal + sep))
      reject(rel, `${cur} is a symbolic link to ${real}, outside the output directory`, who);
  }
}

/** Both checks: the absolute, safe path of `rel` under `root` (`who` names its producer in errors). */
export function resolveOutputPath(root: string, rel: string, who?: string): string {
  const abs = safeJoin(root, rel, who);
  assertNoSymlinkEscape(root, abs, rel, who);
  return abs;
}
