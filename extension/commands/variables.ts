/**
 * The variables a run needs, asked in the variables form (extension/panels/variables-form.ts): one
 * field per variable of the packs (shared ones once), checked live by the engine's own validator.
 * Packs without variables open nothing. API callers pass their values and never get here.
 */
import { resolvePackArg, type Composition, type VariableValue } from '../engine-port';
import { openVariablesForm } from '../panels/variables-form';
import { store } from './common';

export interface AskOptions {
  /** The heading's words before the packs' names ("Generate from" → "Generate from my-pack"); by default "Variables for". */
  verb?: string;
  /** The submit button's words; by default "Preview". */
  submitLabel?: string;
  /** Values the run already has (a composition's): the form shows them as the defaults. */
  preset?: Record<string, VariableValue>;
}

/** A composition's own values, as the run layers them: a pack's value over the global one. */
export function compositionPreset(c: Composition): Record<string, VariableValue> {
  return Object.assign({}, c.globalVariables, ...c.packs.filter((p) => p.enabled).map((p) => p.variables)) as Record<string, VariableValue>;
}

/** The values for `packs` (names or folders) run into `cwd`, or undefined when the user cancelled the form. */
export async function askVariables(
  packs: string[],
  cwd: string,
  options: AskOptions = {},
): Promise<Record<string, VariableValue> | undefined> {
  const s = store();
  const loaded = packs.map((p) => resolvePackArg(s, cwd, p).manifest);
  const formPacks = loaded.map((m) => ({ name: m.metadata.name, variables: m.variables }));
  if (!formPacks.some((p) => p.variables.length)) return {};
  const names = formPacks.map((p) => p.name);
  const title = `${options.verb ?? 'Variables for'} ${names.length <= 3 ? names.join(' + ') : `${names.length} packs`}`;
  return openVariablesForm({
    packs: formPacks,
    target: cwd,
    title,
    ...(options.submitLabel !== undefined && { submitLabel: options.submitLabel }),
    ...(options.preset && { preset: options.preset }),
  });
}
