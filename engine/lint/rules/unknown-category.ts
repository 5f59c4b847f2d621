/** packs/unknown-category: categories outside the known list are treated as `custom`. */
import { closest } from 'fastest-levenshtein';
import { CATEGORIES } from '../../manifest/model';
import { isCloseMatch } from '../../manifest/schema-check';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'unknown-category',
    severity: 'warning',
    category: 'metadata',
    description: 'metadata.category is not a known category (treated as custom)',
    fixable: true,
  },
  check(ctx) {
    const c = (ctx.raw.metadata as Record<string, unknown> | undefined)?.category;
    if (typeof c !== 'string' || c === 'dev-ops' || (CATEGORIES as readonly string[]).includes(c)) return [];
    const suggestion = closest(c, [...CATEGORIES]);
    const close = isCloseMatch(c.toLowerCase(), suggestion);
    const range = ctx.locate(['metadata', 'category']);
    return [
      ctx.issue(
        this.meta,
        `Unknown category ${JSON.stringify(c)} (treated as custom)${close ? `; did you mean \`${suggestion}\`?` : `; known: ${CATEGORIES.join(', ')}`}`,
        ['metadata', 'category'],
        {
          fix: close
            ? { title: `Change to "${suggestion}"`, safe: true, edits: [{ range, newText: JSON.stringify(suggestion) }] }
            : undefined,
        },
      ),
    ];
  },
};
