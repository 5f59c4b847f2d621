/** packs/short-description: a description under 20 characters does not say what the pack generates. */
import type { LintRule } from '../types';

export const MIN_DESCRIPTION = 20;

export const rule: LintRule = {
  meta: {
    id: 'short-description',
    severity: 'warning',
    category: 'documentation',
    description: `metadata.description shorter than ${MIN_DESCRIPTION} characters`,
    fixable: false,
  },
  check(ctx) {
    const d = (ctx.raw.metadata as Record<string, unknown> | undefined)?.description;
    if (typeof d !== 'string' || d.trim().length >= MIN_DESCRIPTION) return [];
    return [
      ctx.issue(
        this.meta,
        `Description is ${d.trim().length} characters; write at least ${MIN_DESCRIPTION} saying what the pack generates`,
        ['metadata', 'description'],
      ),
    ];
  },
};
