/**
 * Options shared by the verbs that render packs (generate, benchmark, regenerate, compose, plan):
 * each option list is defined here once, next to the one function that parses it.
 */
import { resolve } from 'node:path';
import {
  statInput,
  type VariableLayer,
  type LoadedPack,
  type PackStore,
  resolveGraph,
  type ResolvedGraph,
  loadVarsFile,
  parseVarArgs,
} from '../index';
import { optionList } from './pack-args';
import type { CliContext, VerbOption } from './types';

/**
 * `--var` and `--vars-file`, parsed by `variableLayers`. `varDescription` words `--var` for the verb
 * (regenerate's changes a value the project was generated with).
 */
export function variableOptions(varDescription = 'variable value (repeat)'): VerbOption[] {
  return [
    { flags: '--var <k=v>', description: varDescription, repeat: true },
    { flags: '--vars-file <file>', description: 'YAML, JSON or TOML file of variables' },
  ];
}

/** `--var` (highest precedence) then `--vars-file`, as variable layers. */
export function variableLayers(ctx: CliContext, opts: Record<string, unknown>): VariableLayer[] {
  const layers: VariableLayer[] = [{ source: '--var', values: parseVarArgs(optionList(opts.var)), unknown: 'error' }];
  if (typeof opts.varsFile === 'string') {
    const file = resolve(ctx.cwd, opts.varsFile);
    layers.push({ source: `--vars-file ${opts.varsFile}`, values: loadVarsFile(file), file, unknown: 'warning' });
  }
  return layers;
}

/** `--data`, parsed by `dataFiles`. */
export const DATA_OPTION: VerbOption = { flags: '--data <file>', description: 'extra RDF data file (repeat)', repeat: true };

/**
 * The `--data` files, absolute. Each must be a readable regular file, checked here (a NotFoundError
 * naming `--data <file>`, exit 7) so a typo fails before anything runs — also for a pack without
 * queries, which never loads the graph. Parse errors are reported by the graph loader (file:line:col).
 */
export function dataFiles(ctx: CliContext, opts: Record<string, unknown>): string[] {
  return optionList(opts.data).map((f) => {
    const path = resolve(ctx.cwd, f);
    statInput({
      path,
      shown: `--data ${f}`,
      what: 'RDF data file',
      hint: 'Give the path of a .ttl, .nt, .nq, .trig or .n3 file (relative to the current directory).',
    });
    return path;
  });
}

/**
 * The packs to render for `root`: its resolved closure, or the pack alone with `--no-dependencies`
 * (each verb words that option itself). Resolver warnings go to the log.
 */
export function packsToRender(ctx: CliContext, store: PackStore, root: LoadedPack, opts: Record<string, unknown>): ResolvedGraph {
  const graph = opts.dependencies === false ? { packs: [root], warnings: [] } : resolveGraph(store, root);
  for (const w of graph.warnings) ctx.log(`warning: ${w}`);
  return graph;
}
