/**
 * packs/dependency-cycle: this pack depends on itself, directly or through other packs. The direct
 * case needs no registry; following dependencies needs the store (each pack is resolved to the
 * highest version satisfying the range, as resolution would).
 */
import type { Issue } from '../../../protocol';
import type { PackStore } from '../../registry/types';
import type { LintRule } from '../types';

function depsOf(store: PackStore, name: string, range: string): { name: string; version: string }[] | null {
  try {
    const rec = store.find(name, range);
    return rec ? store.load(rec).manifest.dependencies.filter((d) => !d.optional) : null;
  } catch {
    return null; // a broken dependency manifest is that pack's problem, not a cycle
  }
}

/** The path back to `self` from `start`, or null. */
function cycleFrom(store: PackStore, self: string, start: { name: string; version: string }): string[] | null {
  const seen = new Set<string>();
  const visit = (dep: { name: string; version: string }, trail: string[]): string[] | null => {
    if (dep.name === self) return trail;
    if (seen.has(dep.name) || trail.length > 50) return null;
    seen.add(dep.name);
    for (const next of depsOf(store, dep.name, dep.version) ?? []) {
      const found = visit(next, [...trail, next.name]);
      if (found) return found;
    }
    return null;
  };
  return visit(start, [start.name]);
}

export const rule: LintRule = {
  meta: {
    id: 'dependency-cycle',
    severity: 'error',
    category: 'dependencies',
    description: 'A dependency cycle that includes this pack',
    fixable: false,
  },
  check(ctx) {
    const self = ctx.manifest.metadata.name;
    const issues: Issue[] = [];
    for (const d of ctx.manifest.dependencies) {
      const at = { path: ['dependencies', d.name], which: 'key' as const };
      if (d.name === self) {
        issues.push(ctx.issue(this.meta, `Pack \`${self}\` depends on itself`, at));
        continue;
      }
      const store = ctx.opts.store;
      const cycle = store && !d.optional ? cycleFrom(store, self, d) : null;
      if (cycle) issues.push(ctx.issue(this.meta, `Dependency cycle: ${[self, ...cycle].join(' → ')}`, at));
    }
    return issues;
  },
};
