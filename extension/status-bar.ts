/**
 * A status-bar item with the active pack's maturity score and level, recomputed when a manifest
 * editor becomes active or is saved. Scoring reads the manifest only (no templates, no queries).
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { maturityLevel, parseManifestText, scorePack } from './engine-port';

export function registerStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('packs.score', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Packs: Maturity Score';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !/(^|\/)pack\.(toml|yaml)$/.test(doc.uri.path)) return item.hide();
    const parsed = parseManifestText(doc.getText(), doc.uri.path.endsWith('.yaml') ? 'yaml' : 'toml', doc.uri.fsPath);
    if (!parsed.manifest) {
      item.text = '$(star) score: fix the manifest first';
      item.tooltip = 'The manifest does not parse';
    } else {
      const s = scorePack(parsed.manifest);
      item.text = `$(star) ${s.total} ${maturityLevel(s.total)}`;
      item.tooltip = `Maturity score of ${parsed.manifest.metadata.name} (${dirname(doc.uri.fsPath)}) — click for the details`;
    }
    item.command = {
      command: 'packs.openScore',
      title: 'Show Quality Score',
      arguments: [{ kind: 'pack', name: '', version: '', source: 'path', dir: dirname(doc.uri.fsPath) }],
    };
    item.show();
  };
  context.subscriptions.push(item, vscode.window.onDidChangeActiveTextEditor(update), vscode.workspace.onDidSaveTextDocument(update));
  setImmediate(update); // after activation: scoring loads the engine
}
