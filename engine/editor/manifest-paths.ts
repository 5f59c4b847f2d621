/**
 * The pack-relative file paths a manifest names (template sources, query files, RDF files), with
 * the range of the path text inside its string — for document links and go-to-definition.
 */
import type { Range } from '../../protocol';
import { LineIndex } from '../manifest/line-index';
import type { LoadedManifest } from '../manifest/load';
import { type KeyPath, locateExact } from '../manifest/locate';

export interface ManifestPath {
  keyPath: KeyPath;
  path: string;
  /** The path's characters (without quotes). */
  range: Range;
  kind: 'template' | 'query' | 'rdf';
}

/** Every file path the manifest names. */
export function manifestPaths(loaded: LoadedManifest): ManifestPath[] {
  const m = loaded.manifest;
  if (!m) return [];
  const lines = new LineIndex(loaded.text);
  const out: ManifestPath[] = [];
  const add = (keyPath: KeyPath, path: string, kind: ManifestPath['kind']) => {
    const at = locateExact(loaded, keyPath);
    if (!at || !path) return;
    const start = lines.offset(at.value.start);
    const idx = loaded.text.slice(start, lines.offset(at.value.end)).indexOf(path);
    const range = idx < 0 ? at.value : lines.range(start + idx, start + idx + path.length);
    out.push({ keyPath, path, range, kind });
  };
  for (const t of m.templates) if (t.source.type === 'local') add(['templates', t.index, 'source', 'path'], t.source.path, 'template');
  for (const q of m.queries) if (q.source.type === 'file') add(['queries', q.index, 'source', 'path'], q.source.path, 'query');
  m.rdf.files.forEach((f, i) => add(['rdf', 'files', i], f, 'rdf'));
  return out;
}
