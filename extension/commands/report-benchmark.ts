/**
 * `packs.benchmark`: repeated generations of a pack with per-phase timings. Called bare or from the explorer it prompts and opens the report as an
 * untitled document; as an API it takes the argument object below and returns the data.
 */
import * as vscode from 'vscode';
import {
  benchmarkGeneration,
  packFinder,
  PHASES,
  resolveGraph,
  resolvePackArg,
  statInput,
  throwIfCancelled,
  ValidationError,
  type BenchmarkResult,
  type BenchmarkStats,
  type VariableValue,
} from '../engine-port';
import { log } from '../output';
import { apiArg, store, withProgress } from './common';
import { askVariables } from './variables';
import { cwd, absolute, showDocument, stringField, countField, variablesField, packOf } from './report-fields';

export interface BenchmarkArgs {
  /** `name[@range]` or a pack folder. */
  pack: string;
  /** Version or range of `pack`, if not in `pack` itself. */
  version?: string;
  /** Runs (default 10). */
  iterations?: number;
  variables?: Record<string, VariableValue>;
  /** Extra RDF data files (relative paths: to the first workspace folder). */
  data?: string[];
  /** Do not run SPARQL queries. */
  skipQueries?: boolean;
  /** false: time the pack alone, not its dependencies (default true). */
  dependencies?: boolean;
}

export type BenchmarkReport = { pack: { name: string; version: string } } & BenchmarkResult;

export async function benchmark(arg?: unknown): Promise<BenchmarkReport | undefined> {
  const api = apiArg<BenchmarkArgs>(arg);
  const pack = await packOf(arg, 'Pack to benchmark');
  if (!pack) return undefined;
  const iterations = api ? countField(api.iterations, 'iterations', 10, 1) : await askIterations();
  if (iterations === undefined) return undefined;
  const version = api?.version === undefined ? undefined : stringField(api.version, 'version', '^1.0.0');
  if (api?.data !== undefined && (!Array.isArray(api.data) || !api.data.every((x) => typeof x === 'string'))) {
    throw new ValidationError('"data" must be a list of RDF file paths', { hint: 'e.g. { data: ["model.ttl"] }' });
  }
  const data = (api?.data ?? []).map((f) => {
    const path = absolute(f);
    statInput({ path, shown: `data ${f}`, what: 'RDF data file', hint: 'Give the path of a .ttl, .nt, .nq, .trig or .n3 file.' });
    return path;
  });
  const variables = api ? variablesField(api.variables) : await askVariables([pack], cwd(), { verb: 'Benchmark', submitLabel: 'Run' });
  if (!variables) return undefined;
  const s = store();
  const root = resolvePackArg(s, cwd(), pack, version);
  const graph = api?.dependencies === false ? { packs: [root], warnings: [] } : resolveGraph(s, root);
  for (const w of graph.warnings) log(`warning: ${w}`);
  log(`benchmark: generating ${root.name}@${root.version} ${iterations} time(s) into temporary directories…`);
  const result = await withProgress(`benchmarking ${root.name} (${iterations} run(s))`, async (signal) => {
    throwIfCancelled(signal, 'benchmark');
    return benchmarkGeneration(
      {
        packs: graph.packs,
        layers: [{ source: 'variables', values: variables, unknown: 'error' }],
        data,
        skipQueries: Boolean(api?.skipQueries),
        findPack: packFinder(s),
      },
      iterations,
    );
  });
  const report: BenchmarkReport = { pack: { name: root.name, version: root.version }, ...result };
  log(
    `benchmark ${root.name}@${root.version}: ${result.iterations} run(s), total mean ${result.phases.total.mean.toFixed(2)} ms, ${result.files} file(s) each`,
  );
  if (!api) await showDocument(benchmarkMarkdown(report), 'markdown');
  return report;
}

async function askIterations(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Benchmark iterations',
    prompt: 'How many generations to time (each into a temporary directory)',
    value: '10',
    validateInput: (t) => (/^\s*[1-9]\d*\s*$/.test(t) ? undefined : 'A whole number ≥ 1'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

function benchmarkMarkdown(r: BenchmarkReport): string {
  const row = (label: string, s: BenchmarkStats) =>
    `| ${label} | ${[s.mean, s.median, s.min, s.max].map((n) => n.toFixed(2)).join(' | ')} |`;
  const head = ['| | mean | median | min | max |', '| --- | ---: | ---: | ---: | ---: |'];
  return [
    `# Benchmark of ${r.pack.name}@${r.pack.version}`,
    '',
    `${r.iterations} iteration(s), ${r.files} file(s) each; milliseconds, in the extension host's process.`,
    '',
    '## Phases',
    '',
    ...head,
    ...PHASES.map((p) => row(p, r.phases[p])),
    '',
    `First iteration (cold): ${PHASES.map((p) => `${p} ${r.first[p].toFixed(1)}`).join(', ')}`,
    '',
    '## Render time per template',
    '',
    ...(r.templates.length ? [...head, ...r.templates.map((t) => row(`${t.pack}:${t.template}`, t.stats))] : ['none']),
    '',
  ].join('\n');
}
