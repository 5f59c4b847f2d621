/**
 * Examples dimension (SPEC §6): 30 without examples; otherwise 50, +15 at ≥2, +15 at ≥3,
 * +20 × share of examples with an `expected_output`.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore, listNames, ordinal } from '../arithmetic';

interface Facts {
  count: number;
  withExpected: number;
}

function compute(f: Facts): number {
  if (f.count === 0) return 30;
  const base = 50 + (f.count >= 2 ? 15 : 0) + (f.count >= 3 ? 15 : 0);
  return floorScore(base, f.count, [[20, f.withExpected]]);
}

export function scoreExamples(manifest: Manifest): DimensionResult {
  const ex = manifest.examples;
  const hasExpected = (s: string | undefined) => typeof s === 'string' && s.trim() !== '';
  const facts: Facts = { count: ex.length, withExpected: ex.filter((e) => hasExpected(e.expectedOutput)).length };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.count === 0) {
    adviceIf(advice, compute({ count: 1, withExpected: 1 }) - score, 'Add an [[examples]] entry with `command` and `expected_output`');
    return { score, advice };
  }
  const missing = ex.filter((e) => !hasExpected(e.expectedOutput)).map((e) => e.name || '(unnamed)');
  adviceIf(
    advice,
    compute({ ...facts, withExpected: facts.count }) - score,
    `Add \`expected_output\` to ${missing.length} of ${facts.count} examples (${listNames(missing)})`,
  );
  if (facts.count < 3) {
    adviceIf(
      advice,
      compute({ count: facts.count + 1, withExpected: facts.withExpected + 1 }) - score,
      `Add a ${ordinal(facts.count + 1)} example with \`expected_output\``,
    );
  }
  return { score, advice };
}
