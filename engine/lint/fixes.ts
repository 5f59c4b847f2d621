/**
 * Applying fixes: text edits to in-memory texts (the language server's code actions use the same
 * edits) and the safe fixes of a lint run to files (`lint --fix`). Fixes whose edits overlap an
 * already accepted edit are left for the next pass, as ESLint does.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Issue, TextEdit } from '../../protocol';
import { LineIndex } from '../manifest/line-index';

/** Apply edits (ranges refer to the original text; `range: null` appends). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, order) => ({
      e,
      order,
      start: e.range ? lines.offset(e.range.start) : text.length,
      end: e.range ? lines.offset(e.range.end) : text.length,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.e.newText + out.slice(s.end);
  return out;
}

export interface FixOutcome {
  /** New contents per absolute file path (only files that changed). */
  files: Map<string, string>;
  /** Issues whose fix was applied. */
  applied: Issue[];
}

/** The target file of an issue's fix. */
export function fixFile(issue: Issue): string | null {
  return issue.fix?.file ?? issue.file;
}

/**
 * Apply the fixes of `issues` (safe ones only unless `includeUnsafe`) to the current file contents.
 * Does not write: the caller writes `files` (so a dry run and the editor can reuse this).
 */
export function applyFixes(
  issues: readonly Issue[],
  opts: { includeUnsafe?: boolean; read?: (file: string) => string | null } = {},
): FixOutcome {
  const read = opts.read ?? ((f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : null));
  const byFile = new Map<string, Issue[]>();
  for (const i of issues) {
    const f = fixFile(i);
    if (!i.fix || !f || (!i.fix.safe && !opts.includeUnsafe)) continue;
    byFile.set(f, [...(byFile.get(f) ?? []), i]);
  }
  const files = new Map<string, string>();
  const applied: Issue[] = [];
  for (const [file, list] of byFile) {
    const text = read(file) ?? '';
    const lines = new LineIndex(text);
    const taken: [number, number][] = [];
    const edits: TextEdit[] = [];
    const seenEdits = new Set<string>();
    for (const issue of list) {
      const spans = issue.fix!.edits.map((e) =>
        e.range ? ([lines.offset(e.range.start), lines.offset(e.range.end)] as [number, number]) : null,
      );
      const overlaps = spans.some((s) => s && taken.some(([a, b]) => s[0] < b && a < s[1]));
      if (overlaps) continue;
      // Two issues offering the very same edit (e.g. one rename for two reports) apply it once.
      const fresh = issue.fix!.edits.filter((e) => !seenEdits.has(JSON.stringify(e)));
      fresh.forEach((e) => seenEdits.add(JSON.stringify(e)));
      spans.forEach((s) => s && taken.push(s));
      edits.push(...fresh);
      applied.push(issue);
    }
    const next = applyTextEdits(text, edits);
    if (next !== text) files.set(file, next);
  }
  return { files, applied };
}
