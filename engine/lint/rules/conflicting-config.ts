/** packs/conflicting-config: `overwrite` and `skip_if_exists` contradict each other. */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'conflicting-config',
    severity: 'error',
    category: 'templates',
    description: 'overwrite and skip_if_exists both set',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const t of ctx.manifest.templates) {
      if (t.config.overwrite && t.config.skipIfExists) {
        issues.push(
          ctx.issue(this.meta, `Template \`${t.alias}\` sets both overwrite and skip_if_exists; keep one`, [
            'templates',
            t.index,
            'config',
            'skip_if_exists',
          ]),
        );
      }
    }
    return issues;
  },
};
