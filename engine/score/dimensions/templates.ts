/**
 * Templates dimension (SPEC §6): 0 without templates; otherwise 30, +10 at ≥2, +10 at ≥3,
 * +30 × share of templates with a `[templates.config]` table, +20 × share with an explicit priority.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore, listNames, ordinal } from '../arithmetic';

interface Facts {
  count: number;
  withConfig: number;
  withPriority: number;
}

function compute(f: Facts): number {
  if (f.count === 0) return 0;
  const base = 30 + (f.count >= 2 ? 10 : 0) + (f.count >= 3 ? 10 : 0);
  return floorScore(base, f.count, [
    [30, f.withConfig],
    [20, f.withPriority],
  ]);
}

export function scoreTemplates(manifest: Manifest): DimensionResult {
  const t = manifest.templates;
  const facts: Facts = {
    count: t.length,
    withConfig: t.filter((x) => x.hasConfig).length,
    withPriority: t.filter((x) => x.explicitPriority).length,
  };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.count === 0) {
    const gain = compute({ count: 1, withConfig: 1, withPriority: 1 });
    adviceIf(advice, gain, 'Add a [[templates]] entry with a [templates.config] table and an explicit `priority`');
    return { score, advice };
  }
  const noConfig = t.filter((x) => !x.hasConfig).map((x) => x.alias);
  const noPriority = t.filter((x) => !x.explicitPriority).map((x) => x.alias);
  adviceIf(
    advice,
    compute({ ...facts, withConfig: facts.count }) - score,
    `Add a [templates.config] table to ${noConfig.length} of ${facts.count} templates (${listNames(noConfig)})`,
  );
  adviceIf(
    advice,
    compute({ ...facts, withPriority: facts.count }) - score,
    `Set an explicit \`priority\` on ${noPriority.length} of ${facts.count} templates (${listNames(noPriority)})`,
  );
  if (facts.count < 3) {
    const full = { count: facts.count + 1, withConfig: facts.withConfig + 1, withPriority: facts.withPriority + 1 };
    adviceIf(advice, compute(full) - score, `Add a ${ordinal(facts.count + 1)} template (with config and priority)`);
  }
  return { score, advice };
}
