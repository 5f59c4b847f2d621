/** packs/no-matching-version: a dependency exists but no version satisfies its range. Needs the store. */
import semver from 'semver';
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'no-matching-version',
    severity: 'error',
    category: 'dependencies',
    description: 'No known version satisfies a dependency range',
    fixable: false,
    needsStore: true,
  },
  check(ctx) {
    const store = ctx.opts.store;
    if (!store) return [];
    const issues: Issue[] = [];
    for (const d of ctx.manifest.dependencies) {
      if (semver.validRange(d.version) === null) continue;
      const versions = store.versions(d.name);
      if (versions.length === 0 || versions.some((v) => semver.satisfies(v.version, d.version))) continue;
      const path =
        typeof (ctx.raw.dependencies as Record<string, unknown>)?.[d.name] === 'string'
          ? ['dependencies', d.name]
          : ['dependencies', d.name, 'version'];
      const known = versions
        .slice(0, 5)
        .map((v) => v.version)
        .join(', ');
      issues.push(
        ctx.issue(
          this.meta,
          `No version of \`${d.name}\` satisfies ${d.version} (known: ${known}${versions.length > 5 ? ', …' : ''})`,
          path,
        ),
      );
    }
    return issues;
  },
};
