/**
 * CodeLenses: at the top of a pack manifest (Validate · Score · Generate · Publish dry run) and of a
 * packs.lock (Regenerate · Change Variables… · Update packs). Each runs the palette command on that file's pack.
 */
import * as vscode from 'vscode';

const top = new vscode.Range(0, 0, 0, 0);

export function registerCodeLens(context: vscode.ExtensionContext): void {
  const provider: vscode.CodeLensProvider = {
    provideCodeLenses(doc) {
      const node = { kind: 'pack', name: '', version: '', source: 'path', dir: vscode.Uri.joinPath(doc.uri, '..').fsPath };
      if (/(^|\/)packs\.lock$/.test(doc.uri.path)) {
        return [
          new vscode.CodeLens(top, { title: '$(refresh) Regenerate', command: 'packs.regenerate', arguments: [doc.uri] }),
          new vscode.CodeLens(top, {
            title: '$(symbol-variable) Change Variables…',
            command: 'packs.regenerateWithVariables',
            arguments: [doc.uri],
          }),
          new vscode.CodeLens(top, { title: '$(sync) Update packs', command: 'packs.update' }),
        ];
      }
      return [
        new vscode.CodeLens(top, { title: '$(check) Validate', command: 'packs.validate', arguments: [node] }),
        new vscode.CodeLens(top, { title: '$(star) Score', command: 'packs.openScore', arguments: [node] }),
        new vscode.CodeLens(top, { title: '$(rocket) Generate', command: 'packs.generate', arguments: [node] }),
        new vscode.CodeLens(top, { title: '$(package) Publish dry run', command: 'packs.publish', arguments: [node] }),
      ];
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', pattern: '**/pack.{toml,yaml}' },
        { scheme: 'file', pattern: '**/packs.lock' },
      ],
      provider,
    ),
  );
}
