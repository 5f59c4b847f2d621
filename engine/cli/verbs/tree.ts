import { satisfies } from 'semver';
import { resolvePackArg, openStore, type LoadedPack, resolveGraph } from '../../index';
import { VERSION_OPTION, parseCount, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

export interface TreeNode {
  name: string;
  version: string | null;
  /** The range the parent asked for (null for the root). */
  range: string | null;
  optional: boolean;
  /** Already shown above (diamond dependency): children omitted. */
  deduped: boolean;
  dependencies: TreeNode[];
}

/** The resolved dependency tree of `root`, each pack expanded once, cut at `maxDepth`. */
function buildTree(
  root: LoadedPack,
  resolved: Map<string, LoadedPack>,
  maxDepth: number,
  optionalAvailable: (n: string, r: string) => string | null,
): TreeNode {
  const seen = new Set<string>();
  const node = (p: LoadedPack, range: string | null, depth: number): TreeNode => {
    const key = `${p.name}@${p.version}`;
    const deduped = seen.has(key);
    seen.add(key);
    const children =
      deduped || depth >= maxDepth
        ? []
        : p.manifest.dependencies.map((d) => {
            const dep = resolved.get(d.name);
            if (d.optional || !dep)
              return {
                name: d.name,
                version: optionalAvailable(d.name, d.version),
                range: d.version,
                optional: d.optional,
                deduped: false,
                dependencies: [],
              };
            return node(dep, d.version, depth + 1);
          });
    return { name: p.name, version: p.version, range, optional: false, deduped, dependencies: children };
  };
  return node(root, null, 0);
}

function asText(n: TreeNode): string {
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

function asDot(n: TreeNode): string {
  const edges = new Set<string>();
  const nodes = new Set<string>();
  const id = (x: TreeNode) => JSON.stringify(`${x.name}@${x.version ?? '?'}`);
  const walk = (x: TreeNode) => {
    nodes.add(`  ${id(x)}${x.optional ? ' [style=dashed]' : ''};`);
    for (const c of x.dependencies) {
      edges.add(`  ${id(x)} -> ${id(c)} [label=${JSON.stringify(c.range ?? '')}${c.optional ? ', style=dashed' : ''}];`);
      walk(c);
    }
  };
  walk(n);
  return ['digraph dependencies {', '  rankdir=LR;', ...nodes, ...edges, '}'].join('\n');
}

export const treeVerb: VerbDefinition = {
  name: 'tree',
  group: 'utility',
  summary: 'Dependency tree',
  args: '<pack>',
  options: [{ flags: '--depth <n>', description: 'maximum depth' }, VERSION_OPTION],
  run(ctx, args, opts) {
    const depth = parseCount('--depth', opts.depth, Number.MAX_SAFE_INTEGER, 0);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const graph = resolveGraph(store, root);
    for (const w of graph.warnings) ctx.log(`warning: ${w}`);
    const resolved = new Map(graph.packs.map((p) => [p.name, p]));
    const best = (n: string, r: string) => store.versions(n).find((x) => satisfies(x.version, r || '*'))?.version ?? null;
    const tree = buildTree(root, resolved, depth, best);
    return { data: tree, human: () => (ctx.format === 'dot' ? asDot(tree) : asText(tree)) };
  },
};
