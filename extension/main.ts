/**
 * activate/deactivate: the composition root. Wiring only — every feature registers itself from its
 * own file. Activation registers and returns; the engine loads on first use (engine-port.ts) and the
 * language client right after activation (the `ready` promise of the returned API resolves once the
 * server answered `initialize`), so activating stays cheap.
 */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { extensionRoot, settingsConfig, watchEngineSettings } from './engine-config';
import { setEngineConfig } from './engine-port';
import { explorerNames, onDidRefreshExplorer, registerExplorer, type Section } from './explorer/tree-provider';
import { onDidShowPreview, registerPreview } from './apply/preview';
import { registerCodeLens } from './codelens';
import { registerStatusBar } from './status-bar';
import { registerFixAllOnSave } from './fix-all-on-save';
import { output } from './output';
import { registerPanels } from './panels';
import { registerRegistryTokens } from './registry-tokens';
import { onDidPaint, type PaintEvent } from './panels/paint';

export interface PacksApi {
  /** Resolves when the language server is up. */
  ready: Promise<void>;
  /** What the Pack Explorer lists, and when it re-reads. */
  explorer: { names(section: Section): Promise<string[]>; onDidRefresh: vscode.Event<void> };
  /** Fires with its title when a preview of a run is shown (nothing written yet). */
  preview: { onDidShow: vscode.Event<string> };
  /** Fires when a panel's webview painted its first content, with ms since the panel was asked for. */
  panels: { onDidPaint: vscode.Event<PaintEvent> };
  /** From the bundle starting to evaluate to activate() returning, in ms (the benchmark reports it). */
  activationMs: number;
  /** The part of activationMs spent evaluating the bundle before activate() ran. */
  loadMs: number;
}

export function activate(context: vscode.ExtensionContext): PacksApi {
  // Set by the bundle's first line (esbuild.mjs banner); activate()'s own start when run unbundled.
  const tActivate = performance.now();
  const t0 = (globalThis as { __packsLoadStart?: number }).__packsLoadStart ?? tActivate;
  watchEngineSettings(context, () => setEngineConfig(settingsConfig(extensionRoot())));
  registerPreview(context);
  registerExplorer(context);
  registerCommands(context);
  registerCodeLens(context);
  registerStatusBar(context);
  registerFixAllOnSave(context);
  registerPanels(context);
  registerRegistryTokens(context);
  // The language client (~430 KB of vscode-languageclient, its own bundle dist/extension-client.js)
  // loads and starts right after activation returns; `ready` resolves when the server is up.
  const ready = new Promise<void>((resolve, reject) =>
    setImmediate(() => {
      (require('./client') as typeof import('./client')).startClient(context, output()).then(resolve, reject);
    }),
  );
  const activationMs = performance.now() - t0;
  output().appendLine(`Packs activated in ${activationMs.toFixed(1)} ms (${(tActivate - t0).toFixed(1)} ms loading the bundle)`);
  return {
    ready,
    explorer: { names: explorerNames, onDidRefresh: onDidRefreshExplorer },
    preview: { onDidShow: onDidShowPreview },
    panels: { onDidPaint },
    activationMs,
    loadMs: tActivate - t0,
  };
}

export function deactivate(): Promise<void> | undefined {
  return (require('./client') as typeof import('./client')).stopClient();
}
