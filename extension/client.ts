/**
 * The language client for dist/language-server.js over IPC: pack manifests, composition files, `.rq`
 * queries and `*.mustache` templates. Diagnostics pass through `packs.lint.severities` on the way in
 * (a rule set to `off` is dropped), so the setting needs no server round trip.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { readSettings } from './settings';

let client: LanguageClient | undefined;

const SELECTOR: NonNullable<LanguageClientOptions['documentSelector']> = [
  { scheme: 'file', pattern: '**/pack.toml' },
  { scheme: 'file', pattern: '**/pack.yaml' },
  { scheme: 'file', pattern: '**/{composition,*.composition}.{yaml,yml,toml}' },
  { scheme: 'file', pattern: '**/*.{rq,sparql}' },
  { scheme: 'file', pattern: '**/*.mustache' },
];

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Diagnostics with `packs.lint.severities` applied. */
export function withSeverities(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  const wanted = readSettings().severities;
  return diagnostics.flatMap((d) => {
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
    const level = wanted[code];
    if (level === 'off') return [];
    if (level && SEVERITY[level] !== undefined) d.severity = SEVERITY[level];
    return [d];
  });
}

/** Start the client; `outputChannel` is the extension's one "Packs" channel (this file is its own bundle, so it is passed in). */
export function startClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): Promise<void> {
  const module = join(context.extensionPath, 'dist', 'language-server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel,
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, withSeverities(diagnostics)) },
  };
  client = new LanguageClient('packs', 'Packs Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('packs.lint.severities')) void client?.restart();
    }),
  );
  return client.start();
}

export function stopClient(): Promise<void> | undefined {
  return client?.stop();
}
