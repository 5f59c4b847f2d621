/**
 * The resolved dependency tree of a pack as data (each pack expanded once, diamonds marked, cut at a
 * depth) and as text: what `ggen-pack tree` prints and the editor's "Show Dependency Tree" shows.
 */
import { satisfies } from 'semver';
import type { LoadedPack, PackStore } from '../registry/types';
import { resolveGraph } from './index';

export interface TreeNode {
  name: string;
  /** null: an optional or unresolved dependency with no version available. */
  version: string | null;
  /** The range the parent asked for (null for the root). */
  range: string | null;
  optional: boolean;
  /** Already shown above (diamond dependency): children omitted. */
  deduped: boolean;
  dependencies: TreeNode[];
}

/** The tree of `root` in `store`, cut at `maxDepth` (0: the pack alone), with the resolver's warnings. */
export function dependencyTree(
  store: PackStore,
  root: LoadedPack,
  maxDepth = Number.MAX_SAFE_INTEGER,
): { tree: TreeNode; warnings: string[]; resolved: number } {
  const graph = resolveGraph(store, root);
  const resolved = new Map(graph.packs.map((p) => [p.name, p]));
  const available = (n: string, r: string) => store.versions(n).find((x) => satisfies(x.version, r || '*'))?.version ?? null;
  const seen = new Set<string>();
  const node = (p: LoadedPack, range: string | null, depth: number): TreeNode => {
    const key = `${p.name}@${p.version}`;
    const deduped = seen.has(key);
    seen.add(key);
    const children =
      deduped || depth >= maxDepth
        ? []
        : p.manifest.dependencies.map((d): TreeNode => {
            const dep = resolved.get(d.name);
            if (d.optional || !dep)
              return {
                name: d.name,
                version: available(d.name, d.version),
                range: d.version,
                optional: d.optional,
                deduped: false,
                dependencies: [],
              };
            return node(dep, d.version, depth + 1);
          });
    return { name: p.name, version: p.version, range, optional: false, deduped, dependencies: children };
  };
  return { tree: node(root, null, 0), warnings: graph.warnings, resolved: graph.packs.length - 1 };
}

/** The tree drawn with box characters, one pack per line. */
export function treeText(n: TreeNode): string {
  const label = (x: TreeNode) =>
    `${x.name}@${x.version ?? '(none available)'}${x.range ? ` (${x.range})` : ''}${x.optional ? ' optional' : ''}${x.deduped ? ' (deduped)' : ''}`;
  const lines = [label(n)];
  const walk = (x: TreeNode, prefix: string) => {
    x.dependencies.forEach((c, i) => {
      const last = i === x.dependencies.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${label(c)}`);
      walk(c, prefix + (last ? '    ' : '│   '));
    });
  };
  walk(n, '');
  return lines.join('\n');
}
