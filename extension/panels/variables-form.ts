/**
 * The variables form's host: a webview panel in the active column that resolves with the coerced
 * values on an accepted submit, or undefined when cancelled or closed. Every value the webview sends
 * is coerced and validated by the engine's own functions (`checkVariablesForm`), so the form says
 * exactly what the run would. Values are remembered per target folder in the workspace state, never
 * a secret's.
 */
import * as vscode from 'vscode';
import { type FieldValue, type FormModel, VARIABLES_GUARDS, type VariablesFormApi } from '../../protocol/variables-form';
import type { Handlers } from '../../protocol/webview';
import { buildVariablesForm, checkVariablesForm, rememberedValues, type FormPack, type VariableValue } from '../engine-port';
import { paintReporter } from './paint';
import { panelHtml, servePanel, webviewOptions } from './webview-host';

export const VARIABLES_PANEL = 'packs.variablesForm';

let memory: vscode.Memento | undefined;
const memoryKey = (target: string) => `packs.variables:${target}`;

export interface VariablesFormRequest {
  packs: FormPack[];
  target: string;
  title: string;
  submitLabel?: string;
  /** Values the run has from elsewhere (a composition's variables): shown as the defaults. */
  preset?: Record<string, VariableValue>;
}

let current: { panel: vscode.WebviewPanel; cancel(): void } | undefined;

/** Opens the form; resolves with the values to run with, or undefined when the user cancels or closes it. */
export function openVariablesForm(req: VariablesFormRequest): Promise<Record<string, VariableValue> | undefined> {
  const t0 = performance.now();
  current?.cancel(); // one form at a time: a new run replaces a forgotten one
  const remembered = memory?.get<Record<string, FieldValue>>(memoryKey(req.target));
  const model: FormModel = buildVariablesForm(req.packs, {
    title: req.title,
    target: req.target,
    ...(req.submitLabel !== undefined && { submitLabel: req.submitLabel }),
    ...(remembered && { remembered }),
    ...(req.preset && { preset: req.preset }),
  });
  const panel = vscode.window.createWebviewPanel(VARIABLES_PANEL, req.title, vscode.ViewColumn.Active, {
    ...webviewOptions(),
    retainContextWhenHidden: true,
  });
  panel.webview.html = panelHtml(panel.webview, 'variables', req.title);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (values: Record<string, VariableValue> | undefined) => {
      if (settled) return;
      settled = true;
      resolve(values);
      if (current?.panel === panel) current = undefined;
      panel.dispose();
    };
    const handlers: Handlers<VariablesFormApi> = {
      init: () => model,
      validate: ({ values }) => checkVariablesForm(req.packs, values, req.preset).errors,
      submit: async ({ values }) => {
        const check = checkVariablesForm(req.packs, values, req.preset);
        const accepted = Object.keys(check.errors).length === 0;
        if (accepted) {
          await memory?.update(memoryKey(req.target), rememberedValues(model, values));
          setImmediate(() => finish(check.values)); // after the answer reached the webview
        }
        return { accepted, errors: check.errors };
      },
      cancel: () => {
        setImmediate(() => finish(undefined));
        return null;
      },
      painted: paintReporter('variables', t0),
    };
    const wiring = servePanel(panel.webview, 'variables', VARIABLES_GUARDS, handlers);
    panel.onDidDispose(() => {
      wiring.dispose();
      finish(undefined);
    });
    current = { panel, cancel: () => finish(undefined) };
  });
}

/** Activation: the workspace state where values are remembered per target folder. */
export function registerVariablesForm(context: vscode.ExtensionContext): void {
  memory = context.workspaceState;
}
