/**
 * `packs.lint.fixAllOnSave`: when a pack manifest is about to be saved, apply the server's safe fixes
 * (the `source.fixAll` code actions) as part of the save.
 */
import * as vscode from 'vscode';
import { readSettings } from './settings';

export function registerFixAllOnSave(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (!readSettings().fixAllOnSave || !/(^|\/)pack\.(toml|yaml)$/.test(e.document.uri.path)) return;
      e.waitUntil(fixAllEdits(e.document));
    }),
  );
}

async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      vscode.CodeActionKind.SourceFixAll.value,
    )) ?? [];
  return actions.flatMap((a) => a.edit?.get(doc.uri) ?? []);
}
