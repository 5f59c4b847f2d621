/**
 * Dependencies dimension (SPEC §6, §10): 50, +20 if there is any dependency, +30 with at most 5
 * (a pack without dependencies gets this bonus too) or +15 with at most 10.
 */
import type { Manifest } from '../../manifest/model';
import type { DimensionResult } from '../arithmetic';
import { adviceIf, floorScore } from '../arithmetic';

function compute(count: number): number {
  const size = count <= 5 ? 30 : count <= 10 ? 15 : 0;
  return floorScore(50 + (count > 0 ? 20 : 0) + size, 0);
}

export function scoreDependencies(manifest: Manifest): DimensionResult {
  const count = manifest.dependencies.length;
  const score = compute(count);
  const advice: string[] = [];
  if (count === 0) {
    adviceIf(advice, compute(1) - score, 'Build on another pack: add it to [dependencies]');
  } else if (count > 5) {
    if (count > 10) adviceIf(advice, compute(10) - score, `Reduce [dependencies] from ${count} to at most 10`);
    adviceIf(advice, compute(5) - score, `Reduce [dependencies] from ${count} to at most 5`);
  }
  return { score, advice };
}
