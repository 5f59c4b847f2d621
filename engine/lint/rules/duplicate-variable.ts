/** packs/duplicate-variable: a variable declared twice (which declaration wins would be arbitrary). */
import type { LintRule } from '../types';
import { duplicates } from './duplicate-names';

export const rule: LintRule = {
  meta: {
    id: 'duplicate-variable',
    severity: 'error',
    category: 'variables',
    description: 'Two variables with the same name',
    fixable: false,
  },
  check(ctx) {
    return duplicates(
      ctx,
      this.meta,
      'variables',
      'name',
      ctx.manifest.variables.map((v) => ({ name: v.name, index: v.index })),
      'variable',
    );
  },
};
