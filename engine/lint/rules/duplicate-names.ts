/** Shared by the duplicate-alias / duplicate-variable / duplicate-query rules. */
import type { Issue } from '../../../protocol';
import type { LintContext } from '../context';
import type { RuleMeta } from '../meta';

/** One issue per later occurrence of a name already used, pointing back at the first. */
export function duplicates(
  ctx: LintContext,
  meta: RuleMeta,
  table: string,
  key: string,
  names: { name: string; index: number }[],
  what: string,
): Issue[] {
  const first = new Map<string, number>();
  const issues: Issue[] = [];
  for (const { name, index } of names) {
    if (!name) continue;
    const prev = first.get(name);
    if (prev === undefined) {
      first.set(name, index);
      continue;
    }
    const line = ctx.locate([table, prev, key]).start.line;
    issues.push(ctx.issue(meta, `Duplicate ${what} ${JSON.stringify(name)}: already declared at line ${line}`, [table, index, key]));
  }
  return issues;
}
