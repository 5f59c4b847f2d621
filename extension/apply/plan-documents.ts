/**
 * Read-only virtual documents for the proposed contents of a preview (`packs-plan:` URIs), the right
 * side of every preview diff and the inputs of the merge editor. Contents live only as long as the
 * preview that registered them.
 */
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'packs-plan';

const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

export function registerPlanDocuments(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
    }),
    changed,
  );
}

/** A `packs-plan:` URI for `rel` in preview `session`, `side` naming which content it is. */
export function planUri(session: number, side: string, rel: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${session}/${side}/${rel}` });
}

export function setPlanDocument(uri: vscode.Uri, text: string): void {
  contents.set(uri.toString(), text);
  changed.fire(uri);
}

/** Forget every document of `session`. */
export function dropPlanDocuments(session: number): void {
  for (const k of [...contents.keys()]) if (k.startsWith(`${PLAN_SCHEME}:/${session}/`)) contents.delete(k);
}
