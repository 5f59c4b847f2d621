/** packs/duplicate-query: query names must be unique (templates reach rows as `queries.<name>`). */
import type { LintRule } from '../types';
import { duplicates } from './duplicate-names';

export const rule: LintRule = {
  meta: { id: 'duplicate-query', severity: 'error', category: 'queries', description: 'Two queries with the same name', fixable: false },
  check(ctx) {
    return duplicates(
      ctx,
      this.meta,
      'queries',
      'name',
      ctx.manifest.queries.map((q) => ({ name: q.name, index: q.index })),
      'query name',
    );
  },
};
