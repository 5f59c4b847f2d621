/** packs/template-path-missing: a local template source path that does not exist in the pack. */
import { existsSync } from 'node:fs';
import type { Issue } from '../../../protocol';
import { escapesRoot } from '../paths';
import { resolve } from 'node:path';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'template-path-missing',
    severity: 'error',
    category: 'templates',
    description: 'A local template path that does not exist',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const t of ctx.manifest.templates) {
      if (t.source.type !== 'local' || !t.source.path || escapesRoot(t.source.path)) continue;
      if (!existsSync(resolve(ctx.packDir, t.source.path))) {
        issues.push(
          ctx.issue(this.meta, `Template \`${t.alias}\`: ${t.source.path} does not exist in the pack`, [
            'templates',
            t.index,
            'source',
            'path',
          ]),
        );
      }
    }
    return issues;
  },
};
