/**
 * Input boxes for the variables a run needs (until the variables form of the webview issue replaces
 * them): every required variable without a default, and — when the user asks for it — every other
 * one. Each answer is coerced and validated by the engine's own validator while typing.
 */
import * as vscode from 'vscode';
import { coerceVariableValue, resolvePackArg, validateVariableValue, type VariableDef, type VariableValue } from '../engine-port';
import { store } from './common';

/** The values for `packs` (names or folders), or undefined when the user dismissed a box. */
export async function askVariables(packs: string[], cwd: string): Promise<Record<string, VariableValue> | undefined> {
  const s = store();
  const defs = new Map<string, VariableDef>();
  for (const p of packs) {
    for (const d of resolvePackArg(s, cwd, p).manifest.variables) if (!defs.has(d.name)) defs.set(d.name, d);
  }
  const needed = [...defs.values()].filter((d) => d.required && d.default === undefined);
  const optional = [...defs.values()].filter((d) => !needed.includes(d));
  const values: Record<string, VariableValue> = {};
  for (const d of needed) {
    const v = await askOne(d);
    if (v === undefined) return undefined;
    values[d.name] = v;
  }
  if (optional.length) {
    const more = await vscode.window.showQuickPick(['Use the defaults', 'Set the other variables…'], {
      placeHolder: `${optional.length} more variable(s) have defaults: ${optional.map((d) => d.name).join(', ')}`,
    });
    if (more === undefined) return undefined;
    if (more !== 'Use the defaults') {
      for (const d of optional) {
        const v = await askOne(d);
        if (v === undefined) return undefined;
        if (v !== '') values[d.name] = v;
      }
    }
  }
  return values;
}

/** One input box, validated live; '' keeps a default. */
async function askOne(def: VariableDef): Promise<VariableValue | undefined> {
  const check = (text: string): string | undefined => {
    if (text === '' && def.default !== undefined) return undefined;
    const c = coerceVariableValue(def, text);
    if (!c.ok) return c.message;
    return validateVariableValue(def, c.value).join('; ') || undefined;
  };
  const text = await vscode.window.showInputBox({
    title: `Variable ${def.name}${def.required ? ' (required)' : ''}`,
    prompt: def.description ?? def.prompt ?? def.name,
    ...(def.default !== undefined && { placeHolder: `default: ${JSON.stringify(def.default)}` }),
    password: def.secret,
    validateInput: check,
  });
  if (text === undefined) return undefined;
  if (text === '' && def.default !== undefined) return '';
  const c = coerceVariableValue(def, text);
  return c.ok ? c.value : text;
}
