/**
 * Exact arithmetic for the maturity score (SPEC §10 "Scoring arithmetic"): shares are fractions and
 * a dimension is floored once, after summing. Float products such as 30 × (1/3) can land just under
 * an integer, so fractional terms are summed as integer numerators over their common denominator.
 */

/** One dimension's result: an integer 0..100 and what to do to raise it (empty at 100). */
export interface DimensionResult {
  score: number;
  advice: string[];
}

/** floor(base + Σ weight·count / total), capped to 0..100; `total` 0 contributes nothing fractional. */
export function floorScore(base: number, total: number, terms: [weight: number, count: number][] = []): number {
  if (total <= 0) return clamp(Math.floor(base));
  const numerator = base * total + terms.reduce((s, [w, c]) => s + w * c, 0);
  return clamp(Math.floor(numerator / total));
}

function clamp(n: number): number {
  return Math.max(0, Math.min(100, n));
}

/** "(+N)" suffix for advice; gains are computed by re-scoring the improved facts, so they are exact. */
export function plus(gain: number): string {
  return `(+${gain})`;
}

/** Advice line only when it would raise the score. */
export function adviceIf(lines: string[], gain: number, text: string): void {
  if (gain > 0) lines.push(`${text} ${plus(gain)}`);
}

/** "a, b and 3 more" — names of the items advice is about, kept short. */
export function listNames(names: string[], max = 3): string {
  const quoted = names.map((n) => `\`${n}\``);
  if (quoted.length <= max) return quoted.join(', ');
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}

/** "1st", "2nd", "3rd". */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}
