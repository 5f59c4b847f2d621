import { dependencyTree, resolvePackArg, storeFor, treeText, type TreeNode } from '../../index';
import { REGISTRY_OPTIONS, VERSION_OPTION, parseCount, registryArgs, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

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
  options: [{ flags: '--depth <n>', description: 'maximum depth' }, VERSION_OPTION, ...REGISTRY_OPTIONS],
  async run(ctx, args, opts) {
    const depth = parseCount('--depth', opts.depth, Number.MAX_SAFE_INTEGER, 0);
    const arg = requiredArg(args, 0, 'pack');
    // The closure may reach packs only a registry has: fetched into the cache first.
    const { store } = await storeFor(ctx.home, ctx.cwd, arg, versionRange(opts), { ...registryArgs(opts, ctx.log), dependencies: true });
    const root = resolvePackArg(store, ctx.cwd, arg, versionRange(opts));
    const { tree, warnings } = dependencyTree(store, root, depth);
    for (const w of warnings) ctx.log(`warning: ${w}`);
    return { data: tree, human: () => (ctx.format === 'dot' ? asDot(tree) : treeText(tree)) };
  },
};
