/**
 * What the read-only report commands (plan, tree, diff, benchmark) share: reading the fields of an
 * API argument (a bad one is a ValidationError saying what to pass), the pack they work on, and
 * opening a report as an untitled document.
 */
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { ValidationError, type VariableValue } from '../engine-port';
import { apiArg, firstFolder, packArg } from './common';

export const cwd = (): string => firstFolder() ?? process.cwd();
export const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(cwd(), p));

/** Open `content` as an untitled document (closing it asks nothing worth saving). */
export async function showDocument(content: string, language: 'markdown' | 'plaintext'): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** A required string field of an API argument. */
export function stringField(value: unknown, field: string, example: string): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  throw new ValidationError(`"${field}" must be a non-empty string`, { hint: `Pass e.g. { ${field}: ${JSON.stringify(example)} }.` });
}

/** An optional whole-number field ≥ `min`. */
export function countField(value: unknown, field: string, dflt: number, min: number): number {
  if (value === undefined) return dflt;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new ValidationError(`"${field}" must be a whole number ≥ ${min} (got ${JSON.stringify(value)})`, {
    hint: `e.g. { ${field}: ${dflt} }`,
  });
}

export function variablesField(value: unknown): Record<string, VariableValue> {
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, VariableValue>;
  throw new ValidationError('"variables" must be an object of name → value', { hint: 'e.g. { variables: { project_name: "demo" } }' });
}

/** The pack a command works on: the API's `pack` (required, never prompts), else the node / Uri / a pick. */
export async function packOf(arg: unknown, placeHolder: string): Promise<string | undefined> {
  const api = apiArg<{ pack?: unknown }>(arg);
  if (api) return stringField(api.pack, 'pack', 'my-pack');
  return packArg(arg, placeHolder);
}
