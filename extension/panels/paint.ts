/**
 * When a panel's webview painted its first content, in ms since the host was asked to show it: each
 * webview sends a `painted` request after its first render, its host reports it here, and the
 * extension's API passes it on (`npm run bench` reads it; the UI tests do not depend on it).
 */
import * as vscode from 'vscode';
import type { PanelName } from './webview-host';

export interface PaintEvent {
  panel: PanelName;
  ms: number;
}

const painted = new vscode.EventEmitter<PaintEvent>();
export const onDidPaint = painted.event;

/** A `painted` handler for a webview opened at `opened` (performance.now()); only its first call counts. */
export function paintReporter(panel: PanelName, opened: number): () => null {
  let first = true;
  return () => {
    if (first) painted.fire({ panel, ms: performance.now() - opened });
    first = false;
    return null;
  };
}
