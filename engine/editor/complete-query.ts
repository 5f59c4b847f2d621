/**
 * Completion in a SPARQL query file of a pack: the prefixes declared in `[rdf].prefixes`. The
 * engine never injects prefixes into query text (SPEC §10), so choosing one also inserts its
 * `PREFIX p: <iri>` line when the file does not declare it yet.
 */
import { LineIndex } from '../manifest/line-index';
import type { Manifest } from '../manifest/model';
import type { EditorCompletion } from './complete-manifest';

/** Completions at `offset` (0-based) of a query file's text. */
export function completeQuery(text: string, offset: number, manifest: Manifest): EditorCompletion[] {
  const lines = new LineIndex(text);
  const word = /[A-Za-z_][\w-]*:?$|$/.exec(text.slice(Math.max(0, offset - 64), offset))![0];
  const range = lines.range(offset - word.length, offset);
  const declared = new Set([...text.matchAll(/^\s*PREFIX\s+([\w-]*):/gim)].map((m) => m[1]));
  // New PREFIX lines go after the last existing one (or at the top).
  const lastPrefix = [...text.matchAll(/^\s*PREFIX\s+[\w-]*:\s*<[^>]*>[^\n]*\n?/gim)].pop();
  const at = lastPrefix ? lastPrefix.index + lastPrefix[0].length : 0;
  const insertAt = lines.range(at, at);
  return Object.entries(manifest.rdf.prefixes).map(([p, iri]) => ({
    label: `${p}:`,
    kind: 'module',
    detail: iri,
    documentation: declared.has(p) ? `Declared in this file` : `Inserts \`PREFIX ${p}: <${iri}>\``,
    insertText: `${p}:`,
    range,
    additionalEdits: declared.has(p)
      ? undefined
      : [{ range: insertAt, newText: `${lastPrefix && !lastPrefix[0].endsWith('\n') ? '\n' : ''}PREFIX ${p}: <${iri}>\n` }],
  }));
}
