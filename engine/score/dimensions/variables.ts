/**
 * Variables dimension (SPEC §6): 20 without variables; otherwise 50 + 25 × share described +
 * 25 × share validated. "Validated" means the value is constrained: a `[variables.validation]`
 * rule (pattern, min/max length, min/max) or an enum's `values` list.
 */
import type { Manifest, VariableDef } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore, listNames } from '../arithmetic';

interface Facts {
  count: number;
  described: number;
  validated: number;
}

function compute(f: Facts): number {
  if (f.count === 0) return 20;
  return floorScore(50, f.count, [
    [25, f.described],
    [25, f.validated],
  ]);
}

/** True when the variable's value is constrained by a validation rule or enum values. */
export function isValidated(v: VariableDef): boolean {
  if (v.type === 'enum' && (v.values?.length ?? 0) > 0) return true;
  const val = v.validation;
  if (!val) return false;
  return [val.pattern, val.minLength, val.maxLength, val.min, val.max].some((x) => x !== undefined);
}

/** True when the variable has a non-empty description. */
export function isDescribed(v: VariableDef): boolean {
  return typeof v.description === 'string' && v.description.trim() !== '';
}

export function scoreVariables(manifest: Manifest): DimensionResult {
  const vars = manifest.variables;
  const facts: Facts = { count: vars.length, described: vars.filter(isDescribed).length, validated: vars.filter(isValidated).length };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.count === 0) {
    adviceIf(
      advice,
      compute({ count: 1, described: 1, validated: 1 }) - score,
      'Declare a [[variables]] entry with a `description` and a [variables.validation] rule',
    );
    return { score, advice };
  }
  const undescribed = vars.filter((v) => !isDescribed(v)).map((v) => v.name);
  const unvalidated = vars.filter((v) => !isValidated(v)).map((v) => v.name);
  adviceIf(
    advice,
    compute({ ...facts, described: facts.count }) - score,
    `Describe ${undescribed.length} of ${facts.count} variables (${listNames(undescribed)})`,
  );
  adviceIf(
    advice,
    compute({ ...facts, validated: facts.count }) - score,
    `Add a [variables.validation] rule (or enum \`values\`) to ${unvalidated.length} of ${facts.count} variables (${listNames(unvalidated)})`,
  );
  return { score, advice };
}
