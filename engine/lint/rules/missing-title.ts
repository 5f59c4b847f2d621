/** packs/missing-title: a title is what search results and the explorer show first. */
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: { id: 'missing-title', severity: 'warning', category: 'metadata', description: 'metadata.title is missing', fixable: false },
  check(ctx) {
    const md = ctx.raw.metadata as Record<string, unknown> | undefined;
    if (!md || (typeof md.title === 'string' && md.title.trim() !== '')) return [];
    return [
      ctx.issue(this.meta, 'No `title` in [metadata]; add a human-friendly title (shown in search and the explorer)', {
        path: ['metadata'],
        which: 'key',
      }),
    ];
  },
};
