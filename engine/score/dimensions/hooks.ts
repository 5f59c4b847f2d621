/**
 * Hooks dimension (SPEC §6): 50, +30 if any generation or template hook exists
 * (pre/post_generation, pre/post_template; `on_error` alone does not count), +20 with 3 or more hooks.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore } from '../arithmetic';

interface Facts {
  count: number;
  lifecycle: number;
}

function compute(f: Facts): number {
  return floorScore(50 + (f.lifecycle > 0 ? 30 : 0) + (f.count >= 3 ? 20 : 0), 0);
}

export function scoreHooks(manifest: Manifest): DimensionResult {
  const hooks = manifest.hooks;
  const facts: Facts = { count: hooks.length, lifecycle: hooks.filter((h) => h.stage !== 'on_error').length };
  const score = compute(facts);
  const advice: string[] = [];
  if (facts.lifecycle === 0) {
    adviceIf(
      advice,
      compute({ count: facts.count + 1, lifecycle: 1 }) - score,
      'Add a [hooks] post_generation (or pre_generation/pre_template/post_template) hook, e.g. the builtin `format-code`',
    );
  }
  const more = 3 - facts.count - (facts.lifecycle === 0 ? 1 : 0);
  if (more > 0) {
    adviceIf(
      advice,
      compute({ count: 3, lifecycle: Math.max(1, facts.lifecycle) }) -
        compute({ count: facts.count, lifecycle: Math.max(1, facts.lifecycle) }),
      `Add ${more} more hook${more === 1 ? '' : 's'} (3 or more in all)`,
    );
  }
  return { score, advice };
}
