/** The validation score of SPEC §6: per category max(0, 100 − 20·errors − 5·warnings); total = floor(mean). */
import { LINT_CATEGORIES, type Issue, type LintCategory } from '../../protocol';

/** The total validation score and the score of each category. */
export interface ValidationScore {
  score: number;
  categories: Record<LintCategory, number>;
}

/** Score issues by their `category`; an issue without one (not from a lint rule) counts as metadata. */
export function validationScore(issues: readonly Issue[]): ValidationScore {
  const counts = Object.fromEntries(LINT_CATEGORIES.map((c) => [c, { errors: 0, warnings: 0 }])) as Record<
    LintCategory,
    { errors: number; warnings: number }
  >;
  for (const i of issues) {
    const c = counts[i.category ?? 'metadata'];
    if (i.severity === 'error') c.errors++;
    else if (i.severity === 'warning') c.warnings++;
  }
  const categories = Object.fromEntries(
    LINT_CATEGORIES.map((c) => [c, Math.max(0, 100 - 20 * counts[c].errors - 5 * counts[c].warnings)]),
  ) as Record<LintCategory, number>;
  const score = Math.floor(LINT_CATEGORIES.reduce((s, c) => s + categories[c], 0) / LINT_CATEGORIES.length);
  return { score, categories };
}
