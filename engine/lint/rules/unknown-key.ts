/** packs/unknown-key: from the JSON-schema check (engine/manifest/schema-check.ts). */
import type { Issue } from '../../../protocol';
import { issueCategory } from '../context';
import type { LintContext } from '../context';
import type { LintRule } from '../types';
import { categoryOfPath } from './schema-category';

export const rule: LintRule = {
  meta: {
    id: 'unknown-key',
    severity: 'error',
    category: 'metadata',
    description: 'Keys the manifest schema does not define (typos get a rename fix)',
    fixable: true,
  },
  check(ctx: LintContext): Issue[] {
    return ctx
      .schemaIssues()
      .filter((s) => s.issue.code === 'packs/unknown-key')
      .map((s) => {
        issueCategory.set(s.issue, categoryOfPath(s.path));
        return s.issue;
      });
  },
};
