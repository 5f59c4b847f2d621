/**
 * The Pack Explorer: Workspace packs (every pack.toml / pack.yaml in the workspace), Installed and
 * Available (the bundled catalog; remote registries join with the distribution release). Each pack
 * expands to its templates, queries, variables and dependencies. It refreshes when a manifest changes
 * and when the local registry's index changes — also when another terminal runs `ggen-pack install`.
 */
import { mkdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PackSummary } from '../../protocol';
import { packsDir } from '../engine-config';
import { workspacePacks } from '../workspace-packs';
import { store } from '../commands/common';
import { engineConfig, registrySetup, remoteSummaries } from '../engine-port';
import { log } from '../output';
import { registryToken } from '../registry-tokens';
import { childrenOf, packItem, type ExplorerNode } from './tree-items';

const emitters: vscode.EventEmitter<void>[] = [];
const refreshed = new vscode.EventEmitter<void>();
/** Fires after the views were told to re-read (the API's `explorer.onDidRefresh`, for tests and other extensions). */
export const onDidRefreshExplorer = refreshed.event;

/** Re-read every explorer view (after install, uninstall, generate…). */
export function refreshExplorer(): void {
  for (const e of emitters) e.fire();
  refreshed.fire();
}

/** The pack names a section lists now. */
export async function explorerNames(section: Section): Promise<string[]> {
  return (await new PackTree(section, false).getChildren()).flatMap((n) => (n.kind === 'pack' ? [n.name] : []));
}

export type Section = 'workspace' | 'installed' | 'available' | 'remote';

class PackTree implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly section: Section,
    listen = true,
  ) {
    if (listen) emitters.push(this.emitter);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return childrenOf(node);
    if (this.section === 'workspace') return workspaceNodes();
    if (this.section === 'remote') return remoteNodes();
    const section = this.section;
    return store()
      .summaries(section === 'installed' ? 'local' : 'bundled')
      .map((s) => packNode(s, section));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return packItem(node);
  }
}

/** A registry's or the catalog's pack as a node (from its summary: drawing a row reads nothing). */
function packNode(s: PackSummary, section: 'installed' | 'available' | 'remote'): ExplorerNode {
  return {
    kind: 'pack',
    section,
    name: s.name,
    version: s.version,
    installed: s.installed,
    source: s.source,
    description: s.description,
    dir: null,
  };
}

/**
 * What the configured registries list (their search, filtered to ggen packs, through the engine's
 * cache: offline it shows the last answer). A registry that fails shows as one row saying why.
 */
async function remoteNodes(): Promise<ExplorerNode[]> {
  const home = engineConfig().home;
  try {
    const setup = registrySetup(home);
    if (!setup.registries.length) return []; // the welcome view says how to add one
    const token = await registryToken(setup.defaultUrl);
    const rows = await remoteSummaries(home, '', { log, token });
    return rows.map((s) => packNode(s, 'remote'));
  } catch (err) {
    log(`registries: ${err instanceof Error ? err.message : String(err)}`);
    return [
      {
        kind: 'leaf',
        label: 'The registries did not answer',
        description: err instanceof Error ? err.message : String(err),
        icon: 'warning',
        file: null,
      },
    ];
  }
}

async function workspaceNodes(): Promise<ExplorerNode[]> {
  return (await workspacePacks()).map((p) => ({
    kind: 'pack',
    section: 'workspace',
    name: p.name,
    version: p.version,
    source: 'path',
    description: p.description,
    dir: p.dir,
    installed: false,
  }));
}

export function registerExplorer(context: vscode.ExtensionContext): void {
  for (const section of ['workspace', 'installed', 'available', 'remote'] as const) {
    context.subscriptions.push(
      vscode.window.createTreeView(`packs.${section}`, { treeDataProvider: new PackTree(section), showCollapseAll: true }),
    );
  }
  const manifests = vscode.workspace.createFileSystemWatcher('**/pack.{toml,yaml}');
  // The local registry's index lives outside the workspace: watch it by absolute pattern.
  // The folder must exist to be watched; $GGEN_HOME is ours to create (the CLI creates it the same way).
  mkdirSync(packsDir(), { recursive: true });
  const registry = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(packsDir()), 'index.jsonl'));
  for (const w of [manifests, registry]) {
    w.onDidCreate(refreshExplorer);
    w.onDidChange(refreshExplorer);
    w.onDidDelete(refreshExplorer);
    context.subscriptions.push(w);
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('packs.refreshExplorer', refreshExplorer),
    // A terminal outside VS Code may have installed something while the window was in the background.
    vscode.window.onDidChangeWindowState((s) => s.focused && refreshExplorer()),
  );
}
