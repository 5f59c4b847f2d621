/**
 * What every panel's host shares: the HTML shell (a strict CSP with a fresh nonce, only the panel's
 * own bundle and stylesheet, codicons), the webview options (scripts on, local resources limited to
 * dist/webview/) and the dispatcher that answers each incoming message (checked by the panel's guards
 * first) — a handler's failure goes back as a value, and a malformed message is refused and logged.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { answerRequest, type Guards, type Handlers, type PanelApi, type RequestMessage } from '../../protocol/webview';
import { extensionRoot } from '../engine-config';
import { log } from '../output';

export type PanelName = 'search' | 'score' | 'variables';

const webviewRoot = (): vscode.Uri => vscode.Uri.joinPath(vscode.Uri.file(extensionRoot()), 'dist', 'webview');

export function webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot()], enableFindWidget: true };
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The page a panel's bundle boots in. `title` is ours, never pack data. `surface` tells the page (and
 * the UI tests) whether it is an editor tab or a side-bar view.
 */
export function panelHtml(webview: vscode.Webview, panel: PanelName, title: string, surface: 'editor' | 'sidebar' = 'editor'): string {
  const nonce = randomBytes(16).toString('base64');
  const res = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(), file)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttr(title)}</title>
<link rel="stylesheet" href="${res('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${res(`${panel}.css`)}">
</head>
<body data-panel="${panel}" data-surface="${surface}">
<main id="root" aria-busy="true"></main>
<script nonce="${nonce}" src="${res(`${panel}.js`)}"></script>
</body>
</html>`;
}

/**
 * Serves `handlers` to the webview (protocol/webview.ts answerRequest: every message is checked by
 * the panel's guards first). Refusals and failures are answered as values and logged.
 */
export function servePanel<A extends PanelApi<A>>(
  webview: vscode.Webview,
  name: PanelName,
  guards: Guards<A>,
  handlers: Handlers<A>,
): vscode.Disposable {
  return webview.onDidReceiveMessage(async (message: unknown) => {
    const response = await answerRequest(guards, handlers, message);
    if (!response) {
      log(`${name} panel: ignored a message that is not a request: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    if (!response.ok) log(`${name} panel: ${(message as RequestMessage).method}: ${response.error.code}: ${response.error.message}`);
    void webview.postMessage(response);
  });
}

/** Pushes an event to the webview (dropped when the webview is gone). */
export function postEvent<E extends { event: string }>(webview: vscode.Webview, payload: E): void {
  void webview.postMessage({ kind: 'event', payload });
}
