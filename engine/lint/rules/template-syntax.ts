/** packs/template-syntax: Mustache that does not parse (unclosed sections, …) and broken front matter. */
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'template-syntax',
    severity: 'error',
    category: 'templates',
    description: 'A template file whose Mustache or front matter does not parse',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    return ctx.templates().problems.map((p) => ctx.issue(this.meta, p.message, ctx.at(p.site)));
  },
};
