/** Options shared by the verbs that render packs (generate, benchmark): variable layers and lists. */
import { resolve } from 'node:path';
import type { VariableLayer } from '../generate';
import { loadVarsFile, parseVarArgs } from '../render/vars-input';
import type { CliContext } from './types';

/** A repeatable option's values. */
export const optionList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

/** `--var` (highest precedence) then `--vars-file`, as variable layers. */
export function variableLayers(ctx: CliContext, opts: Record<string, unknown>): VariableLayer[] {
  const layers: VariableLayer[] = [{ source: '--var', values: parseVarArgs(optionList(opts.var)), unknown: 'error' }];
  if (typeof opts.varsFile === 'string') {
    const file = resolve(ctx.cwd, opts.varsFile);
    layers.push({ source: `--vars-file ${opts.varsFile}`, values: loadVarsFile(file), file, unknown: 'warning' });
  }
  return layers;
}
