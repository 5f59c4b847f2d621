/**
 * activate/deactivate: the composition root. Wiring only — every feature registers itself from its
 * own file. Activation starts the language client without waiting for it (the `ready` promise of the
 * returned API resolves once the server answered `initialize`), so activating stays cheap.
 */
import type * as vscode from 'vscode';
import { startClient, stopClient } from './client';
import { registerCommands } from './commands';
import { configureEngine } from './engine-config';
import { explorerNames, onDidRefreshExplorer, registerExplorer, type Section } from './explorer/tree-provider';
import { onDidShowPreview, registerPreview } from './apply/preview';
import { registerCodeLens } from './codelens';
import { registerStatusBar } from './status-bar';
import { registerFixAllOnSave } from './fix-all-on-save';
import { output } from './output';

export interface PacksApi {
  /** Resolves when the language server is up. */
  ready: Promise<void>;
  /** What the Pack Explorer lists, and when it re-reads. */
  explorer: { names(section: Section): Promise<string[]>; onDidRefresh: vscode.Event<void> };
  /** Fires with its title when a preview of a run is shown (nothing written yet). */
  preview: { onDidShow: vscode.Event<string> };
}

export function activate(context: vscode.ExtensionContext): PacksApi {
  const t0 = performance.now();
  configureEngine(context);
  registerPreview(context);
  registerExplorer(context);
  registerCommands(context);
  registerCodeLens(context);
  registerStatusBar(context);
  registerFixAllOnSave(context);
  const ready = startClient(context);
  output().appendLine(`Packs activated in ${(performance.now() - t0).toFixed(1)} ms`);
  return { ready, explorer: { names: explorerNames, onDidRefresh: onDidRefreshExplorer }, preview: { onDidShow: onDidShowPreview } };
}

export function deactivate(): Promise<void> | undefined {
  return stopClient();
}
