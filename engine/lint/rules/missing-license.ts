/** packs/missing-license: a pack needs a LICENSE file (required to publish). */
import type { LintRule } from '../types';
import { findDocFile } from './doc-files';

export const rule: LintRule = {
  meta: {
    id: 'missing-license',
    severity: 'warning',
    category: 'documentation',
    description: 'No LICENSE file in the pack root',
    fixable: false,
  },
  check(ctx) {
    if (findDocFile(ctx.packDir, /^(licen[cs]e|copying)(\.(md|txt))?$/i)) return [];
    const at =
      typeof (ctx.raw.metadata as Record<string, unknown> | undefined)?.license === 'string' ? ['metadata', 'license'] : ['metadata'];
    return [ctx.issue(this.meta, 'No LICENSE file in the pack root (required to publish)', { path: at, which: 'key' })];
  },
};
