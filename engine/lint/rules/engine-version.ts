/** packs/engine-version: `min_engine_version` (alias `min_ggen_version`) must be satisfied by this engine. */
import semver from 'semver';
import { ENGINE_VERSION } from '../../version';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'engine-version',
    severity: 'error',
    category: 'metadata',
    description: 'min_engine_version is not satisfied by this engine',
    fixable: false,
  },
  check(ctx) {
    const md = (ctx.raw.metadata ?? {}) as Record<string, unknown>;
    const key =
      typeof md.min_engine_version === 'string'
        ? 'min_engine_version'
        : typeof md.min_ggen_version === 'string'
          ? 'min_ggen_version'
          : null;
    if (!key) return [];
    const range = md[key] as string;
    // A bare version ("0.2.0") means "at least".
    const effective = semver.valid(range) ? `>=${range}` : range;
    if (semver.validRange(effective) === null || semver.satisfies(ENGINE_VERSION, effective, { includePrerelease: true })) return [];
    return [
      ctx.issue(this.meta, `This pack needs engine ${range}; this engine is ${ENGINE_VERSION}. Update ggen-pack, or relax ${key}`, [
        'metadata',
        key,
      ]),
    ];
  },
};
