/**
 * packs/engine-version: the pack's version requirements must be met. Two separate keys:
 * `min_ggen_version` is a range of the ggen pack format (checked against GGEN_PACK_FORMAT_VERSION, the
 * design version this engine implements), `min_engine_version` a range of this engine itself
 * (ENGINE_VERSION). Both may be present; each is reported on its own.
 */
import semver from 'semver';
import type { Issue } from '../../../protocol';
import { ENGINE_VERSION, GGEN_PACK_FORMAT_VERSION } from '../../version';
import type { LintRule } from '../types';

/** What each key is checked against, and how a failure reads. */
const REQUIREMENTS = [
  {
    key: 'min_ggen_version',
    version: GGEN_PACK_FORMAT_VERSION,
    message: (range: string) =>
      `This pack needs ggen pack format ${range}; this engine implements ${GGEN_PACK_FORMAT_VERSION}. Update ggen-pack, or relax min_ggen_version`,
  },
  {
    key: 'min_engine_version',
    version: ENGINE_VERSION,
    message: (range: string) =>
      `This pack needs engine ${range}; this engine is ${ENGINE_VERSION}. Update ggen-pack, or relax min_engine_version`,
  },
] as const;

/** Whether `version` satisfies `range`; a bare version ("0.2.0") means "at least". Null for an invalid range (packs/invalid-range reports it). */
export function meetsRange(version: string, range: string): boolean | null {
  const effective = semver.valid(range) ? `>=${range}` : range;
  if (semver.validRange(effective) === null) return null;
  return semver.satisfies(version, effective, { includePrerelease: true });
}

export const rule: LintRule = {
  meta: {
    id: 'engine-version',
    severity: 'error',
    category: 'metadata',
    description: 'min_ggen_version (ggen pack format) or min_engine_version (this engine) is not satisfied',
    fixable: false,
  },
  check(ctx) {
    const md = (ctx.raw.metadata ?? {}) as Record<string, unknown>;
    const issues: Issue[] = [];
    for (const r of REQUIREMENTS) {
      const range = md[r.key];
      if (typeof range !== 'string' || meetsRange(r.version, range) !== false) continue;
      issues.push(ctx.issue(this.meta, r.message(range), ['metadata', r.key]));
    }
    return issues;
  },
};
