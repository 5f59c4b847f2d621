/** packs/missing-field: from the JSON-schema check (engine/manifest/schema-check.ts). */
import type { Issue } from '../../../protocol';
import { issueCategory } from '../context';
import type { LintContext } from '../context';
import type { LintRule } from '../types';
import { categoryOfPath } from './schema-category';

export const rule: LintRule = {
  meta: {
    id: 'missing-field',
    severity: 'error',
    category: 'metadata',
    description: 'Required fields that are absent (all reported at once)',
    fixable: false,
  },
  check(ctx: LintContext): Issue[] {
    return ctx
      .schemaIssues()
      .filter((s) => s.issue.code === 'packs/missing-field')
      .map((s) => {
        issueCategory.set(s.issue, categoryOfPath(s.path));
        return s.issue;
      });
  },
};
