/** packs/invalid-value: from the JSON-schema check (engine/manifest/schema-check.ts). */
import type { Issue } from '../../../protocol';
import { issueCategory } from '../context';
import type { LintContext } from '../context';
import type { LintRule } from '../types';
import { categoryOfPath } from './schema-category';

export const rule: LintRule = {
  meta: {
    id: 'invalid-value',
    severity: 'error',
    category: 'metadata',
    description: 'Values outside an enum, pattern or bound of the schema',
    fixable: true,
  },
  check(ctx: LintContext): Issue[] {
    return ctx
      .schemaIssues()
      .filter((s) => s.issue.code === 'packs/invalid-value')
      .map((s) => {
        issueCategory.set(s.issue, categoryOfPath(s.path));
        return s.issue;
      });
  },
};
