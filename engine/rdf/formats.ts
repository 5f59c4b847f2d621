/**
 * RDF file formats by extension (n3's format names). Dependency-free, so a run whose queries are
 * answered from the cache (query-cache.ts) knows its graph files without loading n3.
 */
import { extname } from 'node:path';

const FORMATS: Record<string, string> = {
  '.ttl': 'Turtle',
  '.turtle': 'Turtle',
  '.nt': 'N-Triples',
  '.ntriples': 'N-Triples',
  '.nq': 'N-Quads',
  '.nquads': 'N-Quads',
  '.trig': 'TriG',
  '.n3': 'N3',
};

/** The n3 format name for a file, or null if the extension is not an RDF format we read. */
export function rdfFormatOf(file: string): string | null {
  return FORMATS[extname(file).toLowerCase()] ?? null;
}

/** What to do about an RDF file that cannot be read. */
export const RDF_HINT =
  "Fix the path: [rdf].files are relative to the pack, --data to the current directory, a composition's `data:` to the composition file.";
