/** packs/unknown-query: `{{#queries.x}}` or `foreach: x` naming a query the manifest does not declare. */
import { closest } from 'fastest-levenshtein';
import { isCloseMatch } from '../../manifest/schema-check';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'unknown-query',
    severity: 'error',
    category: 'templates',
    description: 'A template uses a query that does not exist',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const names = ctx.manifest.queries.map((q) => q.name).filter(Boolean);
    return ctx
      .templates()
      .queryRefs.filter((r) => !names.includes(r.query))
      .map((r) => {
        const guess = names.length ? closest(r.query, names) : undefined;
        const hint =
          guess && isCloseMatch(r.query, guess)
            ? `; did you mean \`${guess}\`?`
            : names.length
              ? `; declared queries: ${names.join(', ')}`
              : '; the pack declares no [[queries]]';
        return ctx.issue(this.meta, `Unknown query \`${r.query}\`${hint}`, ctx.at(r.site));
      });
  },
};
