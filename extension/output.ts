/**
 * The one "Packs" output channel, and failures shown as notifications with actions: "Open pack.toml"
 * at the first issue's position when the failure names one, and "Show Output" for the details.
 */
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { PackError } from './engine-port';

let channel: vscode.LogOutputChannel | undefined;

export function output(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('Packs', { log: true }));
}

export const log = (message: string): void => output().appendLine(message);

/** The text of a failure with its hint and issues, for the output channel. */
export function describeFailure(err: unknown): string {
  if (!(err instanceof PackError)) return err instanceof Error ? (err.stack ?? err.message) : String(err);
  const lines = [`error: ${err.message}`];
  for (const i of err.issues) {
    const at = i.range ? `${i.file ?? ''}:${i.range.start.line}:${i.range.start.column}` : (i.file ?? '');
    lines.push(`  ${i.severity} ${i.code}${at ? ` at ${at}` : ''}: ${i.message}`);
  }
  if (err.hint) lines.push(`hint: ${err.hint}`);
  return lines.join('\n');
}

/** Log a failure and show it; `packDir` resolves relative issue files. Never throws. */
export function showFailure(err: unknown, packDir?: string): void {
  log(describeFailure(err));
  const message = err instanceof Error ? err.message : String(err);
  const issue = err instanceof PackError ? err.issues.find((i) => i.file && i.range) : undefined;
  const actions = issue ? ['Open pack.toml', 'Show Output'] : ['Show Output'];
  void vscode.window.showErrorMessage(`Packs: ${message}`, ...actions).then((choice) => {
    if (choice === 'Show Output') output().show(true);
    if (choice === 'Open pack.toml' && issue?.file && issue.range) {
      const file = isAbsolute(issue.file) || !packDir ? issue.file : join(packDir, issue.file);
      const pos = new vscode.Position(issue.range.start.line - 1, issue.range.start.column - 1);
      void vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos) });
    }
  });
}
