/** The validation score of SPEC §6: per category max(0, 100 − 20·errors − 5·warnings); total = floor(mean). */
import type { Issue } from '../../protocol';
import { issueCategory } from './context';
import { LINT_CATEGORIES, type LintCategory } from './types';

export interface ValidationScore {
  score: number;
  categories: Record<LintCategory, number>;
}

/** Score issues; issues without a recorded category (syntax errors, loader warnings) count as metadata. */
export function validationScore(
  issues: readonly Issue[],
  categoryOf: (i: Issue) => LintCategory | undefined = (i) => issueCategory.get(i),
): ValidationScore {
  const counts = Object.fromEntries(LINT_CATEGORIES.map((c) => [c, { errors: 0, warnings: 0 }])) as Record<
    LintCategory,
    { errors: number; warnings: number }
  >;
  for (const i of issues) {
    const c = counts[categoryOf(i) ?? 'metadata'];
    if (i.severity === 'error') c.errors++;
    else if (i.severity === 'warning') c.warnings++;
  }
  const categories = Object.fromEntries(
    LINT_CATEGORIES.map((c) => [c, Math.max(0, 100 - 20 * counts[c].errors - 5 * counts[c].warnings)]),
  ) as Record<LintCategory, number>;
  const score = Math.floor(LINT_CATEGORIES.reduce((s, c) => s + categories[c], 0) / LINT_CATEGORIES.length);
  return { score, categories };
}
