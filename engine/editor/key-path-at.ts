/**
 * The manifest key path under a cursor: the innermost located entry (engine/manifest/locate) whose
 * key or value span holds the offset. Hover, go-to-definition, links and rename start here.
 */
import type { LoadedManifest } from '../manifest/load';
import { type KeyPath, locations, pathOfId } from '../manifest/locate';

export interface PathHit {
  path: KeyPath;
  on: 'key' | 'value';
  /** Offsets of the span that was hit. */
  span: [number, number];
}

/** The innermost entry at `offset` (0-based), or null between entries. */
export function keyPathAt(loaded: LoadedManifest, offset: number): PathHit | null {
  let best: PathHit | null = null;
  const size = (h: PathHit) => h.span[1] - h.span[0];
  for (const [id, loc] of locations(loaded).entries) {
    const cands: PathHit[] = [];
    if (loc.key && offset >= loc.key[0] && offset <= loc.key[1]) cands.push({ path: pathOfId(id), on: 'key', span: loc.key });
    if (offset >= loc.value[0] && offset <= loc.value[1]) cands.push({ path: pathOfId(id), on: 'value', span: loc.value });
    for (const c of cands) {
      if (!best || size(c) < size(best) || (size(c) === size(best) && c.path.length > best.path.length)) best = c;
    }
  }
  return best;
}
