/** Registers every panel's providers and serializers at activation; their webviews load when shown. */
import type * as vscode from 'vscode';
import { registerScorePanel } from './score-panel';
import { registerSearchPanel } from './search-panel';
import { registerVariablesForm } from './variables-form';

export function registerPanels(context: vscode.ExtensionContext): void {
  registerSearchPanel(context);
  registerScorePanel(context);
  registerVariablesForm(context);
}
