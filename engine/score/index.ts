/**
 * The maturity score (SPEC §6, arithmetic §10): eight equally weighted dimensions, each an integer
 * 0..100 with advice on how to raise it; total = floor(Σ·100/800). Used by `score`, the `publish`
 * gate (> 80) and the score panel. Pure: reads only the manifest model.
 */
import type { MaturityLevel, MaturityScore, ScoreDimension } from '../../protocol';
import type { Manifest } from '../manifest/model';
import type { DimensionResult } from './arithmetic';
import { scoreDependencies } from './dimensions/dependencies';
import { scoreDocumentation } from './dimensions/documentation';
import { scoreExamples } from './dimensions/examples';
import { scoreHooks } from './dimensions/hooks';
import { scoreMetadata } from './dimensions/metadata';
import { scoreQueries } from './dimensions/queries';
import { scoreTemplates } from './dimensions/templates';
import { scoreVariables } from './dimensions/variables';

export type { DimensionResult } from './arithmetic';

/** The dimensions in the order `score` prints them, each with its scoring function. */
export const DIMENSIONS: readonly [ScoreDimension, (m: Manifest) => DimensionResult][] = [
  ['metadata', scoreMetadata],
  ['templates', scoreTemplates],
  ['queries', scoreQueries],
  ['variables', scoreVariables],
  ['dependencies', scoreDependencies],
  ['documentation', scoreDocumentation],
  ['examples', scoreExamples],
  ['hooks', scoreHooks],
];

/** The score `publish` requires (strictly greater than this). */
export const PUBLISH_THRESHOLD = 80;

/** Level of a total: 0-39 Experimental, 40-69 Beta, 70-89 Production, 90-100 Enterprise. */
export function maturityLevel(total: number): MaturityLevel {
  if (total >= 90) return 'Enterprise';
  if (total >= 70) return 'Production';
  if (total >= 40) return 'Beta';
  return 'Experimental';
}

/** Score a pack's manifest; the SPEC §6 formulas read only the manifest, never the pack's files. */
export function scorePack(manifest: Manifest): MaturityScore {
  const dimensions = DIMENSIONS.map(([name, fn]) => ({ name, ...fn(manifest) }));
  const sum = dimensions.reduce((s, d) => s + d.score, 0);
  const total = Math.floor((sum * 100) / 800);
  return { total, level: maturityLevel(total), dimensions };
}
