/**
 * `merge` brings a generated tree's packs.lock into the destination's as data, never as text (a
 * text merge wrote conflict markers into packs.lock, after which regenerate could not read it).
 * Each file's entry follows its content: an entry from the source for a file taken from the source,
 * the destination's for one it kept or merged. Packs and variables are united; where both sides
 * disagree the destination wins and a warning says so.
 */
import type { LockData, LockFileEntry } from '../apply/lockfile';

export interface LockMerge {
  lock: LockData;
  /** Source entries the merged lock takes over (their baselines must come along). */
  adopted: LockFileEntry[];
  warnings: string[];
}

/** `src` into `dst`; `fromSource(path)` says whether the file at `path` now holds the source's content. */
export function mergeLocks(dst: LockData | null, src: LockData, fromSource: (path: string) => boolean): LockMerge {
  const warnings: string[] = [];
  const files = new Map((dst?.files ?? []).map((f) => [f.path, f]));
  const adopted: LockFileEntry[] = [];
  for (const e of src.files) {
    if (files.has(e.path) && !fromSource(e.path)) continue;
    files.set(e.path, e);
    adopted.push(e);
  }
  const packs = new Map((dst?.packs ?? []).map((p) => [p.name, p]));
  for (const p of src.packs) {
    const mine = packs.get(p.name);
    if (!mine) packs.set(p.name, p);
    else if (mine.version !== p.version)
      warnings.push(
        `packs.lock: ${p.name} is at ${mine.version} in the destination and ${p.version} in the source; the destination's version stays`,
      );
  }
  const variables = { ...(dst?.variables ?? {}) };
  for (const [name, value] of Object.entries(src.variables)) {
    if (!(name in variables)) variables[name] = value;
    else if (JSON.stringify(variables[name]) !== JSON.stringify(value))
      warnings.push(
        `packs.lock: variable ${name} differs (destination ${JSON.stringify(variables[name])}, source ${JSON.stringify(value)}); the destination's value stays`,
      );
  }
  return { lock: { lock_version: 1, packs: [...packs.values()], variables, files: [...files.values()] }, adopted, warnings };
}
