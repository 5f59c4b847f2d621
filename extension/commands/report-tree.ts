/**
 * `packs.tree`: the resolved dependency tree of a pack. Called bare or from the explorer it prompts and opens the report as an
 * untitled document; as an API it takes the argument object below and returns the data.
 */
import { dependencyTree, treeText, type TreeNode, resolvePackArg } from '../engine-port';
import { log } from '../output';
import { apiArg, store } from './common';
import { cwd, showDocument, stringField, countField, packOf } from './report-fields';

export interface TreeArgs {
  /** `name[@range]` or a pack folder. */
  pack: string;
  /** Version or range of `pack`, if not in `pack` itself. */
  version?: string;
  /** Maximum depth (0: the pack alone); default unlimited. */
  depth?: number;
}

export interface TreeResult {
  tree: TreeNode;
  /** The resolver's warnings. */
  warnings: string[];
}

export async function tree(arg?: unknown): Promise<TreeResult | undefined> {
  const api = apiArg<TreeArgs>(arg);
  const pack = await packOf(arg, 'Pack whose dependency tree to show');
  if (!pack) return undefined;
  const depth = countField(api?.depth, 'depth', Number.MAX_SAFE_INTEGER, 0);
  const version = api?.version === undefined ? undefined : stringField(api.version, 'version', '^1.0.0');
  const s = store();
  const root = resolvePackArg(s, cwd(), pack, version);
  const { tree: t, warnings: w, resolved } = dependencyTree(s, root, depth);
  for (const x of w) log(`warning: ${x}`);
  const result: TreeResult = { tree: t, warnings: w };
  log(`tree ${root.name}@${root.version}: ${resolved} dependenc${resolved === 1 ? 'y' : 'ies'} resolved`);
  if (!api) {
    const warnings = w.map((x) => `warning: ${x}`);
    await showDocument([treeText(result.tree), ...(warnings.length ? ['', ...warnings] : [])].join('\n') + '\n', 'plaintext');
  }
  return result;
}
