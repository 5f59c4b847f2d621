/**
 * Rendered output paths (SPEC §10 "Templates"): `/`-separated, relative to the output directory.
 * `.` segments are dropped; an empty segment (e.g. `{{dir}}/x` with `dir` empty) is an error naming
 * the source. Escapes (`..`, absolute) are left to the apply step's path-safety check (exit 6).
 */
import { GenerationError } from '../errors';

/** Join and normalize path parts (each already rendered). Empty parts are skipped (no prefix). */
export function normalizeOutputPath(parts: string[], source: string): string {
  const joined = parts.filter((p) => p !== '').map((p) => p.replace(/\\/g, '/')).join('/');
  const segments = joined.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '.') continue;
    if (s === '') {
      if (i === 0 && segments.length > 1) {
        out.push('');
        continue; // absolute: kept so the path-safety check rejects it with a permission error
      }
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
