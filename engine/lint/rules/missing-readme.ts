/** packs/missing-readme: a pack needs a README (shown by `show`; required to publish). */
import type { LintRule } from '../types';
import { findDocFile } from './doc-files';

export const rule: LintRule = {
  meta: { id: 'missing-readme', severity: 'warning', category: 'documentation', description: 'No README in the pack root', fixable: false },
  check(ctx) {
    if (findDocFile(ctx.packDir, /^readme(\.(md|markdown|txt|rst))?$/i)) return [];
    return [
      ctx.issue(this.meta, 'No README.md in the pack root; describe what the pack generates and how to use it (required to publish)', {
        path: ['metadata'],
        which: 'key',
      }),
    ];
  },
};
