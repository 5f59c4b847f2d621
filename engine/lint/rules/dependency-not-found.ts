/** packs/dependency-not-found: a dependency that no source (bundled, local, remote) knows. Needs the store. */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'dependency-not-found',
    severity: 'error',
    category: 'dependencies',
    description: 'A dependency not found in any registry',
    fixable: false,
    needsStore: true,
  },
  check(ctx) {
    const store = ctx.opts.store;
    if (!store) return [];
    const issues: Issue[] = [];
    for (const d of ctx.manifest.dependencies) {
      if (d.name === ctx.manifest.metadata.name || store.versions(d.name).length > 0) continue;
      issues.push(
        ctx.issue(
          this.meta,
          `Dependency \`${d.name}\` is not in any registry (bundled, local or remote); check the name or install it first`,
          { path: ['dependencies', d.name], which: 'key' },
        ),
      );
    }
    return issues;
  },
};
