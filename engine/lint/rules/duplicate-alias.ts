/** packs/duplicate-alias: template aliases must be unique (`--template` and plans use them). */
import type { LintRule } from '../types';
import { duplicates } from './duplicate-names';

export const rule: LintRule = {
  meta: {
    id: 'duplicate-alias',
    severity: 'error',
    category: 'templates',
    description: 'Two templates with the same alias',
    fixable: false,
  },
  check(ctx) {
    const raw: unknown[] = Array.isArray(ctx.raw.templates) ? ctx.raw.templates : [];
    const names = raw.map((t, index) => {
      const alias = typeof t === 'object' && t !== null ? (t as { alias?: unknown }).alias : undefined;
      return { name: typeof alias === 'string' ? alias : '', index };
    });
    return duplicates(ctx, this.meta, 'templates', 'alias', names, 'template alias');
  },
};
