/**
 * Dependency resolution over the pack store: `resolveGraph` gives the closure of a pack
 * (dependencies before dependents, each once, root last). The algorithm itself is `solve` in
 * solver.ts; this file adapts the store to its provider interface.
 */
import type { LoadedPack, PackStore, SourceFilter } from '../registry/types';
import { type DependencySpec, type GraphProvider, type Requirement, solve } from './solver';

export type { DependencySpec, GraphProvider, Requirement, Solution, SolvedPack, SolveOptions } from './solver';
export { solve } from './solver';

export interface ResolvedGraph {
  /** The closure: dependencies before dependents, each once, root last. */
  packs: LoadedPack[];
  /** E.g. `*` ranges, dependency depth above 5. */
  warnings: string[];
}

export interface ResolveOptions {
  includeOptional?: boolean;
  /** name → exact version (composition or lock pins). */
  pins?: Record<string, string>;
  /** Which sources dependencies may come from (default all). */
  source?: SourceFilter;
}

/** A GraphProvider over `store`, with `fixed` packs (e.g. a root from a path) taking precedence. */
export function storeProvider(
  store: PackStore,
  fixed: LoadedPack[] = [],
  source: SourceFilter = 'all',
): GraphProvider & {
  pack(name: string, version: string): LoadedPack;
} {
  const fixedByName = new Map(fixed.map((p) => [p.name, p]));
  const pack = (name: string, version: string): LoadedPack => {
    const f = fixedByName.get(name);
    if (f && f.version === version) return f;
    const rec = store.versions(name, source).find((r) => r.version === version);
    if (!rec) throw new Error(`internal: ${name}@${version} vanished from the store during resolution`);
    return store.load(rec);
  };
  return {
    versions: (name) => {
      const f = fixedByName.get(name);
      return f ? [f.version] : store.versions(name, source).map((r) => r.version);
    },
    dependencies: (name, version): DependencySpec[] =>
      pack(name, version).manifest.dependencies.map((d) => ({ name: d.name, range: d.version, optional: d.optional })),
    pack,
  };
}

/**
 * The dependency closure of `root` (SPEC §4): the highest versions satisfying every constraint.
 * Throws ResolutionError naming every requirer and range, or the cycle path `a → b → a`.
 */
export function resolveGraph(store: PackStore, root: LoadedPack, opts: ResolveOptions = {}): ResolvedGraph {
  const provider = storeProvider(store, [root], opts.source);
  const roots: Requirement[] = [{ name: root.name, range: root.version, requirer: 'the command line' }];
  const solution = solve(roots, provider, { includeOptional: opts.includeOptional, pins: opts.pins });
  return { packs: solution.order.map((p) => provider.pack(p.name, p.version)), warnings: solution.warnings };
}

/** The joint closure of several requirements (composition): one version per name for all of them. */
export function resolveRequirements(
  store: PackStore,
  roots: Requirement[],
  opts: ResolveOptions & { fixed?: LoadedPack[] } = {},
): ResolvedGraph {
  const provider = storeProvider(store, opts.fixed ?? [], opts.source);
  const solution = solve(roots, provider, { includeOptional: opts.includeOptional, pins: opts.pins });
  return { packs: solution.order.map((p) => provider.pack(p.name, p.version)), warnings: solution.warnings };
}
