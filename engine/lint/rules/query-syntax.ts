/** packs/query-syntax: SPARQL that does not parse, with the line/column in the query file or inline string. */
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'query-syntax',
    severity: 'error',
    category: 'queries',
    description: 'A SPARQL query that does not parse',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    return ctx
      .queries()
      .filter((q) => q.error)
      .map((q) => ctx.issue(this.meta, `Query \`${q.def.name}\`: ${q.error!.message}`, { file: q.file, range: q.error!.range }));
  },
};
