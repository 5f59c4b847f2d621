/**
 * Rendered output paths (SPEC §10 "Templates"): `/`-separated, relative to the output directory.
 * `.` segments are dropped; an empty segment (e.g. `{{dir}}/x` with `dir` empty) is an error naming
 * the source. Escapes (`..`, absolute) are left to the apply step's path-safety check (exit 6).
 */
import { GenerationError } from '../errors';

/**
 * `root` (rendered output_path, may be '') joined with `path` (rendered). `absolute` says the path's
 * template itself was written absolute (`to: /etc/x`): it is kept absolute, without the root, so the
 * apply step rejects it with a permission error instead of a confusing empty-segment message.
 */
export function normalizeOutputPath(root: string, path: string, source: string, absolute = false): string {
  const norm = (p: string) => p.replace(/\\/g, '/');
  if (absolute) return norm(path);
  const joined = [root, path]
    .filter((p) => p !== '')
    .map(norm)
    .join('/');
  const segments = joined.split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '.') continue;
    if (s === '') {
      throw new GenerationError(`${source} renders to "${joined}", which has an empty path segment`, {
        hint: 'A variable used in the path is empty; give it a value or guard the file with `when:` in its front matter.',
      });
    }
    out.push(s);
  }
  if (out.length === 0) {
    throw new GenerationError(`${source} renders to an empty path`, { hint: 'Set `to:` or give the path variables values.' });
  }
  return out.join('/');
}
