/**
 * Explorer nodes as data, and how each becomes a TreeItem: a pack (contextValue `pack.<section>`,
 * which the inline actions of package.json match) and its groups — templates, queries, variables,
 * dependencies. Commands invoked on a pack node receive the node itself (common.ts `isPackNode`).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolvePackArg } from '../engine-port';
import { firstFolder, store } from '../commands/common';

export type ExplorerNode =
  | {
      kind: 'pack';
      section: 'workspace' | 'installed' | 'available' | 'remote';
      name: string;
      version: string;
      source: string;
      description: string;
      dir: string | null;
      /** In the local registry (from the pack's summary, so drawing a row reads nothing). */
      installed: boolean;
    }
  | { kind: 'group'; pack: ExplorerNode & { kind: 'pack' }; group: 'templates' | 'queries' | 'variables' | 'dependencies' }
  | { kind: 'leaf'; label: string; description: string; icon: string; file: string | null };

const GROUP_ICONS = { templates: 'file-code', queries: 'database', variables: 'symbol-variable', dependencies: 'package' } as const;

export function packItem(node: ExplorerNode): vscode.TreeItem {
  if (node.kind === 'pack') {
    // A registry's pack is not on this machine yet: nothing to expand until it is installed.
    const remote = node.section === 'remote';
    const item = new vscode.TreeItem(node.name, remote ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${node.version}${(node.section === 'available' || remote) && node.installed ? ' · installed' : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${node.name}@${node.version} (${node.source})\n\n${node.description}`);
    item.iconPath = new vscode.ThemeIcon(node.section === 'workspace' ? 'folder-library' : remote ? 'cloud' : 'package');
    // `remote.pack`, not `pack.remote`: the actions on /^pack\./ (generate, score, show) need it installed.
    item.contextValue = remote ? 'remote.pack' : `pack.${node.section}`;
    if (node.dir) item.resourceUri = vscode.Uri.file(node.dir);
    return item;
  }
  if (node.kind === 'group') {
    const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
    item.contextValue = `group.${node.group}`;
    return item;
  }
  const item = new vscode.TreeItem(node.label);
  item.description = node.description;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  if (node.file) item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(node.file)] };
  return item;
}

export function childrenOf(node: ExplorerNode): ExplorerNode[] {
  if (node.kind === 'pack')
    return (['templates', 'queries', 'variables', 'dependencies'] as const).map((group) => ({ kind: 'group', pack: node, group }));
  if (node.kind === 'leaf') return [];
  const p = node.pack;
  const loaded = resolvePackArg(store(), firstFolder() ?? process.cwd(), p.dir ?? `${p.name}@${p.version}`);
  const m = loaded.manifest;
  const at = (rel: string) => join(loaded.dir, rel);
  switch (node.group) {
    case 'templates':
      return m.templates.map((t) => {
        const file = t.source.type === 'local' ? t.source.path : null;
        return { kind: 'leaf', label: t.alias, description: t.outputPath ?? file ?? 'inline', icon: 'file-code', file: file && at(file) };
      });
    case 'queries':
      return m.queries.map((q) => ({
        kind: 'leaf',
        label: q.name,
        description: q.source.type === 'file' ? q.source.path : q.source.type,
        icon: 'database',
        file: q.source.type === 'file' ? at(q.source.path) : null,
      }));
    case 'variables':
      return m.variables.map((v) => ({
        kind: 'leaf',
        label: v.name,
        description: `${v.type}${v.required ? ', required' : ''}${v.default !== undefined ? ` = ${JSON.stringify(v.default)}` : ''}`,
        icon: 'symbol-variable',
        file: null,
      }));
    case 'dependencies':
      return m.dependencies.map((d) => ({ kind: 'leaf', label: d.name, description: d.version, icon: 'package', file: null }));
  }
}
