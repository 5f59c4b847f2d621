/**
 * Queries dimension (SPEC §6): 50 without queries; otherwise 50, +10 at ≥2, +10 at ≥3,
 * +30 × share of queries with a description.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore, listNames, ordinal } from '../arithmetic';

interface Facts {
  count: number;
  described: number;
}

function compute(f: Facts): number {
  if (f.count === 0) return 50;
  const base = 50 + (f.count >= 2 ? 10 : 0) + (f.count >= 3 ? 10 : 0);
  return floorScore(base, f.count, [[30, f.described]]);
}

export function scoreQueries(manifest: Manifest): DimensionResult {
  const q = manifest.queries;
  const facts: Facts = { count: q.length, described: q.filter((x) => hasText(x.description)).length };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.count === 0) {
    adviceIf(advice, compute({ count: 1, described: 1 }) - score, 'Add a described [[queries]] entry (SPARQL over the [rdf] data)');
    return { score, advice };
  }
  const undescribed = q.filter((x) => !hasText(x.description)).map((x) => x.name);
  adviceIf(
    advice,
    compute({ ...facts, described: facts.count }) - score,
    `Describe ${undescribed.length} of ${facts.count} queries (${listNames(undescribed)})`,
  );
  if (facts.count < 3) {
    adviceIf(
      advice,
      compute({ count: facts.count + 1, described: facts.described + 1 }) - score,
      `Add a ${ordinal(facts.count + 1)} described query`,
    );
  }
  return { score, advice };
}

function hasText(s: string | undefined): boolean {
  return typeof s === 'string' && s.trim() !== '';
}
