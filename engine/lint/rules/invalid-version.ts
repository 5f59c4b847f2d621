/** packs/invalid-version: `metadata.version` must be a semver version (`1.2.0`). */
import semver from 'semver';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'invalid-version',
    severity: 'error',
    category: 'metadata',
    description: 'metadata.version is not a semver version',
    fixable: false,
  },
  check(ctx) {
    const v = (ctx.raw.metadata as Record<string, unknown> | undefined)?.version;
    if (typeof v !== 'string' || semver.valid(v)) return [];
    const coerced = semver.coerce(v)?.version;
    const hint = coerced ? `; did you mean \`${coerced}\`?` : ' (expected MAJOR.MINOR.PATCH, e.g. `1.0.0`)';
    return [ctx.issue(this.meta, `Version ${JSON.stringify(v)} is not a semver version${hint}`, ['metadata', 'version'])];
  },
};
