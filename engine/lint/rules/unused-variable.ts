/**
 * packs/unused-variable: a declared variable that no template, path, front matter, derived value,
 * condition, query parameter or hook uses. Only reported when every template could be read.
 * The fix removes the declaration; it is not applied by `lint --fix` (a variable may be kept on purpose).
 */
import type { Fix, Issue } from '../../../protocol';
import type { LintContext } from '../context';
import type { LintRule } from '../types';

/** Offsets of a `[[variables]]` element and its sub-tables, up to the next unrelated table header. */
function removalFix(ctx: LintContext, lines: string[], index: number, name: string): Fix | undefined {
  if (ctx.loaded.format !== 'toml') return undefined;
  const header = ctx.locate(['variables', index], 'key');
  if (!/^\s*\[\[\s*variables\s*\]\]/.test(lines[header.start.line - 1] ?? '')) return undefined;
  let end = header.start.line; // exclusive, 0-based index of the first line after the block
  while (end < lines.length) {
    const m = /^\s*\[\[?\s*([^\]\s]+)\s*\]\]?/.exec(lines[end] ?? '');
    if (m && !m[1]!.startsWith('variables.')) break; // the group takes part in every match
    end++;
  }
  // Keep the blank lines / comments that separate it from the next table.
  while (end > header.start.line && /^\s*(#.*)?$/.test(lines[end - 1] ?? '')) end--;
  return {
    title: `Remove variable \`${name}\``,
    safe: false,
    edits: [{ range: { start: { line: header.start.line, column: 1 }, end: { line: end + 1, column: 1 } }, newText: '' }],
  };
}

export const rule: LintRule = {
  meta: {
    id: 'unused-variable',
    severity: 'warning',
    category: 'variables',
    description: 'A declared variable that nothing uses',
    fixable: true,
    needsFiles: true,
  },
  check(ctx) {
    const scan = ctx.templates();
    if (!scan.complete) return [];
    const used = new Set(scan.varRefs.map((r) => r.name));
    const issues: Issue[] = [];
    let lines: string[] | undefined;
    for (const v of ctx.manifest.variables) {
      if (!v.name || used.has(v.name)) continue;
      lines ??= ctx.loaded.text.split('\n');
      issues.push(
        ctx.issue(
          this.meta,
          `Variable \`${v.name}\` is declared but no template, path or query parameter uses it`,
          ['variables', v.index, 'name'],
          { fix: removalFix(ctx, lines, v.index, v.name) },
        ),
      );
    }
    return issues;
  },
};
