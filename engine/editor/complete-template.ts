/**
 * Completion in a Mustache template file of a pack: variable names (and the engine lambdas)
 * inside `{{ }}`, `queries.<name>` sections, and query names after `foreach:` / variables after
 * `when:` in the front matter.
 */
import type { Range } from '../../protocol';
import { LAMBDAS } from '../lint/template-scan';
import { LineIndex } from '../manifest/line-index';
import type { Manifest, QueryDef } from '../manifest/model';
import type { EditorCompletion } from './complete-manifest';
import { openTagAt } from './mustache-tags';

/** Completions at `offset` (0-based) of a template file's text. */
export function completeTemplate(text: string, offset: number, manifest: Manifest): EditorCompletion[] {
  const lines = new LineIndex(text);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const fm = /^(foreach|when):\s*(!?)(\S*)$/.exec(before);
  if (fm && inFrontMatter(text, lineStart)) {
    const range = lines.range(offset - fm[3]!.length, offset); // group 3 (`\S*`) always takes part in a match
    if (fm[1] === 'foreach')
      return manifest.queries.map((q) => ({
        label: q.name,
        kind: 'function',
        detail: 'query',
        documentation: q.description,
        insertText: q.name,
        range,
      }));
    return manifest.variables.map((v) => ({
      label: v.name,
      kind: 'variable',
      detail: v.type,
      documentation: v.description,
      insertText: v.name,
      range,
    }));
  }
  const open = openTagAt(text, offset);
  if (!open) return [];
  const range = lines.range(open.start, offset);
  if (open.prefix.startsWith('queries.')) return manifest.queries.map((q) => queryRows(q, range));
  const out: EditorCompletion[] = manifest.variables.map((v) => ({
    label: v.name,
    kind: 'variable',
    detail: v.type + (v.required ? ' (required)' : ''),
    documentation: v.description,
    insertText: v.name,
    range,
    sortText: '0' + v.name,
  }));
  for (const t of manifest.templates) {
    for (const name of Object.keys(t.variables))
      out.push({ label: name, kind: 'variable', detail: `derived in template ${t.alias}`, insertText: name, range, sortText: '1' + name });
  }
  for (const q of manifest.queries) out.push({ ...queryRows(q, range), sortText: '2' + q.name });
  for (const l of LAMBDAS) out.push({ label: l, kind: 'function', detail: 'engine lambda', insertText: l, range, sortText: '3' + l });
  return out;
}

/** `queries.<name>`: a query's rows, as a section or a value. */
function queryRows(q: QueryDef, range: Range): EditorCompletion {
  const name = `queries.${q.name}`;
  return { label: name, kind: 'function', detail: 'query rows', documentation: q.description, insertText: name, range };
}

function inFrontMatter(text: string, lineStart: number): boolean {
  if (!/^---[ \t]*\r?\n/.test(text)) return false;
  const close = text.slice(4).search(/^---[ \t]*$/m);
  return close < 0 || lineStart < close + 4;
}
