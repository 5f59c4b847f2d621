import { dependencyTree, openStore, resolvePackArg, treeText, type TreeNode } from '../../index';
import { VERSION_OPTION, parseCount, requiredArg, versionRange } from '../pack-args';
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
  options: [{ flags: '--depth <n>', description: 'maximum depth' }, VERSION_OPTION],
  run(ctx, args, opts) {
    const depth = parseCount('--depth', opts.depth, Number.MAX_SAFE_INTEGER, 0);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const { tree, warnings } = dependencyTree(store, root, depth);
    for (const w of warnings) ctx.log(`warning: ${w}`);
    return { data: tree, human: () => (ctx.format === 'dot' ? asDot(tree) : treeText(tree)) };
  },
};
