/**
 * packs/enum-without-values: an `enum` variable must list its `values`. Without them every value
 * passes unchecked (no list), or none can (an empty list), so generation would accept or refuse
 * for reasons the author never wrote down.
 */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'enum-without-values',
    severity: 'error',
    category: 'variables',
    description: 'An enum variable without a non-empty `values` list',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const raw = Array.isArray(ctx.raw.variables) ? (ctx.raw.variables as unknown[]) : [];
    for (const v of ctx.manifest.variables) {
      if (v.type !== 'enum') continue;
      const entry = raw[v.index];
      const values = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).values : undefined;
      if (values === undefined) {
        issues.push(
          ctx.issue(this.meta, `Enum variable \`${v.name}\` has no \`values\`; list the allowed values, e.g. values = ["a", "b"]`, [
            'variables',
            v.index,
            'type',
          ]),
        );
      } else if (Array.isArray(values) && values.length === 0) {
        issues.push(
          ctx.issue(
            this.meta,
            `Enum variable \`${v.name}\` has an empty \`values\` list, so no value is allowed; list the allowed values`,
            ['variables', v.index, 'values'],
          ),
        );
      }
    }
    return issues;
  },
};
