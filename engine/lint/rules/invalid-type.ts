/** packs/invalid-type: from the JSON-schema check (engine/manifest/schema-check.ts). */
import type { Issue } from '../../../protocol';
import { issueCategory } from '../context';
import type { LintContext } from '../context';
import type { LintRule } from '../types';
import { categoryOfPath } from './schema-category';

export const rule: LintRule = {
  meta: {
    id: 'invalid-type',
    severity: 'error',
    category: 'metadata',
    description: 'Values of the wrong type (string where an integer belongs, …)',
    fixable: false,
  },
  check(ctx: LintContext): Issue[] {
    return ctx
      .schemaIssues()
      .filter((s) => s.issue.code === 'packs/invalid-type')
      .map((s) => {
        issueCategory.set(s.issue, categoryOfPath(s.path));
        return s.issue;
      });
  },
};
