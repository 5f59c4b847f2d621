/**
 * Documentation dimension (SPEC §6): +10 for each description length threshold reached (50, 100,
 * 200 characters); examples +20 for the 1st, +10 for the 2nd, +10 for the 3rd; +30 × share of
 * variables described, or 15 when the pack declares no variables.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore, listNames } from '../arithmetic';
import { isDescribed } from './variables';

const THRESHOLDS = [50, 100, 200];

interface Facts {
  descLength: number;
  examples: number;
  variables: number;
  described: number;
}

function compute(f: Facts): number {
  let base = THRESHOLDS.filter((t) => f.descLength >= t).length * 10;
  base += (f.examples >= 1 ? 20 : 0) + (f.examples >= 2 ? 10 : 0) + (f.examples >= 3 ? 10 : 0);
  if (f.variables === 0) return floorScore(base + 15, 0);
  return floorScore(base, f.variables, [[30, f.described]]);
}

export function scoreDocumentation(manifest: Manifest): DimensionResult {
  const vars = manifest.variables;
  const facts: Facts = {
    descLength: manifest.metadata.description.trim().length,
    examples: manifest.examples.length,
    variables: vars.length,
    described: vars.filter(isDescribed).length,
  };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.descLength < 200) {
    adviceIf(
      advice,
      compute({ ...facts, descLength: 200 }) - score,
      `Lengthen [metadata] \`description\` to at least 200 characters (now ${facts.descLength}; +10 at each of 50, 100, 200)`,
    );
  }
  if (facts.examples < 3) {
    adviceIf(advice, compute({ ...facts, examples: 3 }) - score, `Add ${3 - facts.examples} more [[examples]] (3 in all)`);
  }
  if (facts.variables > 0) {
    const undescribed = vars.filter((v) => !isDescribed(v)).map((v) => v.name);
    adviceIf(
      advice,
      compute({ ...facts, described: facts.variables }) - score,
      `Describe ${undescribed.length} of ${facts.variables} variables (${listNames(undescribed)})`,
    );
  }
  return { score, advice };
}
