/**
 * Applying fixes: which file a fix edits, which edits of a set of fixes can go together
 * (`planFixes`, shared by `lint --fix` and the language server's code actions), and text edits
 * applied to in-memory texts. Fixes whose edits overlap an already accepted edit are left for the
 * next pass, as ESLint does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
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

/** Where fix targets are resolved: relative paths against the pack root; issues without a file are about `defaultFile`. */
export interface FixTargetOptions {
  /** The pack root relative `fix.file` / `issue.file` paths are resolved against (the working directory when absent). */
  packRoot?: string | null | undefined;
  /** The file an issue with `file: null` is about (the language server passes the document the issues were listed for). */
  defaultFile?: string | null | undefined;
}

/**
 * The file an issue's fix edits: `fix.file` when given (e.g. create a CHANGELOG), else the issue's
 * own file, else `defaultFile`; a relative path is resolved against `packRoot`. Null when the issue
 * has no fix or no file to edit.
 */
export function fixFile(issue: Issue, opts: FixTargetOptions = {}): string | null {
  if (!issue.fix) return null;
  const file = issue.fix.file ?? issue.file ?? opts.defaultFile ?? null;
  if (file === null) return null;
  return isAbsolute(file) ? file : resolve(opts.packRoot ?? '', file);
}

/** The fixes that can be applied together to one file. */
export interface FilePlan {
  /** Absolute path of the file. */
  file: string;
  /** Its current text, which the edit ranges refer to; null when the file does not exist (yet). */
  text: string | null;
  /** The edits to apply, in issue order: an edit offered by several issues once, no two overlapping. */
  edits: TextEdit[];
  /** The issues whose fixes `edits` apply. */
  applied: Issue[];
}

/**
 * Group the fixes of `issues` by target file (`fixFile`) and pick, per file in issue order, the
 * fixes that can be applied together: a fix with an edit overlapping an edit already accepted is
 * left out whole (the next lint reports what is left), and an edit identical to an accepted one
 * (one fix shared by several issues) is applied once. `read` gives a file's current text (null:
 * the file does not exist). Every fix given is planned, safe or not; the caller selects them.
 */
export function planFixes(issues: readonly Issue[], read: (file: string) => string | null, opts: FixTargetOptions = {}): FilePlan[] {
  const byFile = new Map<string, Issue[]>();
  for (const i of issues) {
    const f = fixFile(i, opts);
    if (f !== null) byFile.set(f, [...(byFile.get(f) ?? []), i]);
  }
  const plans: FilePlan[] = [];
  for (const [file, list] of byFile) {
    const text = read(file);
    const lines = new LineIndex(text ?? '');
    const taken: [number, number][] = [];
    const edits: TextEdit[] = [];
    const seenEdits = new Set<string>();
    const applied: Issue[] = [];
    for (const issue of list) {
      const fixEdits = issue.fix?.edits ?? [];
      const spans = fixEdits.map((e) => (e.range ? ([lines.offset(e.range.start), lines.offset(e.range.end)] as [number, number]) : null));
      const overlaps = spans.some((s) => s && taken.some(([a, b]) => s[0] < b && a < s[1]));
      if (overlaps) continue;
      const fresh = fixEdits.filter((e) => !seenEdits.has(JSON.stringify(e)));
      fresh.forEach((e) => seenEdits.add(JSON.stringify(e)));
      spans.forEach((s) => s && taken.push(s));
      edits.push(...fresh);
      applied.push(issue);
    }
    plans.push({ file, text, edits, applied });
  }
  return plans;
}

/** What `applyFixes` returns. */
export interface FixOutcome {
  /** New contents per absolute file path (only files that changed). */
  files: Map<string, string>;
  /** Issues whose fix was applied. */
  applied: Issue[];
}

/**
 * Apply the fixes of `issues` (safe ones only unless `includeUnsafe`) to the current file contents
 * (`read`, the disk by default). Does not write: the caller writes `files` (so a dry run can reuse this).
 */
export function applyFixes(
  issues: readonly Issue[],
  opts: FixTargetOptions & { includeUnsafe?: boolean; read?: (file: string) => string | null } = {},
): FixOutcome {
  const read = opts.read ?? ((f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : null));
  const chosen = issues.filter((i) => i.fix && (i.fix.safe || opts.includeUnsafe));
  const files = new Map<string, string>();
  const applied: Issue[] = [];
  for (const plan of planFixes(chosen, read, opts)) {
    const text = plan.text ?? '';
    const next = applyTextEdits(text, plan.edits);
    if (next !== text) files.set(plan.file, next);
    for (const issue of plan.applied) applied.push(issue); // not push(...): one fix per issue can be 100,000+
  }
  return { files, applied };
}
