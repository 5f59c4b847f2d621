import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  benchmarkGeneration,
  GenerationError,
  PermissionError,
  PHASES,
  type BenchmarkResult,
  type BenchmarkStats as Stats,
  type LoadedPack,
  type PackStore,
  type ResolvedGraph,
  type VariableLayer,
  type VariableValue,
  resolvePackArg,
  openStore,
  packFinder,
} from '../../index';
import { DATA_OPTION, dataFiles, packsToRender, variableLayers, variableOptions } from '../generation-args';
import { VERSION_OPTION, parseCount, requiredArg, versionRange } from '../pack-args';
import type { CliContext, VerbDefinition } from '../types';

const row = (label: string, s: Stats) =>
  `  ${label.padEnd(28)} ${[s.mean, s.median, s.min, s.max].map((n) => n.toFixed(2).padStart(9)).join('')}`;

/** One benchmarked pack: what `--format json` prints (and `--output` writes) for it. */
type PackBenchmark = { pack: { name: string; version: string } } & BenchmarkResult;

/**
 * Values for the required variables that nothing gives a value (a benchmark times generation; it
 * should not stop at a missing project name): each variable's first `examples` value, else the
 * first `[[examples]]` entry of a pack that sets it. Lowest precedence, so `--var` still wins.
 */
function exampleLayer(ctx: CliContext, packs: LoadedPack[], given: VariableLayer[]): VariableLayer[] {
  const values: Record<string, VariableValue> = {};
  for (const p of [...packs].reverse()) {
    for (const v of p.manifest.variables) {
      if (!v.required || v.default !== undefined || v.name in values || given.some((l) => v.name in l.values)) continue;
      const fromExample = [p, ...packs].flatMap((q) => q.manifest.examples).find((e) => v.name in e.variables)?.variables[v.name];
      const value = v.examples[0] ?? fromExample;
      if (value !== undefined) values[v.name] = value;
    }
  }
  const names = Object.keys(values);
  if (!names.length) return [];
  ctx.log(
    `note: using the packs' example values for ${names.map((n) => `${n}=${JSON.stringify(values[n])}`).join(', ')} (--var overrides)`,
  );
  return [{ source: 'pack examples', values, unknown: 'ignore' }];
}

/** `--var` names declared only by the other pack of `--compare` are left out of this one's run (not "unknown"). */
function layersFor(layers: VariableLayer[], graph: ResolvedGraph, other: ResolvedGraph | null): VariableLayer[] {
  if (!other) return layers;
  const declared = (g: ResolvedGraph) => new Set(g.packs.flatMap((p) => p.manifest.variables.map((v) => v.name)));
  const mine = declared(graph);
  const theirs = declared(other);
  return layers.map((l) => ({
    ...l,
    values: Object.fromEntries(Object.entries(l.values).filter(([k]) => mine.has(k) || !theirs.has(k))),
  }));
}

async function benchmarkOne(
  ctx: CliContext,
  store: PackStore,
  root: LoadedPack,
  graph: ResolvedGraph,
  other: ResolvedGraph | null,
  opts: Record<string, unknown>,
  iterations: number,
): Promise<PackBenchmark> {
  const given = layersFor(variableLayers(ctx, opts), graph, other);
  ctx.log(`Generating ${root.name}@${root.version} ${iterations} time(s) into temporary directories…`);
  const result = await benchmarkGeneration(
    {
      packs: graph.packs,
      layers: [...given, ...exampleLayer(ctx, graph.packs, given)],
      data: dataFiles(ctx, opts),
      skipQueries: Boolean(opts.skipQueries),
      findPack: packFinder(store),
    },
    iterations,
  );
  return { pack: { name: root.name, version: root.version }, ...result };
}

/** `--output <file>`: the results as JSON, through a temp file renamed into place. */
function writeResults(file: string, data: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    const denied = e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS';
    throw new (denied ? PermissionError : GenerationError)(`Could not write the benchmark results to ${file}: ${e.message}`, {
      hint: 'Choose another --output file.',
      cause: err,
    });
  }
}

function single(b: PackBenchmark): string {
  return [
    `Benchmark of ${b.pack.name}@${b.pack.version}: ${b.iterations} iteration(s), ${b.files} file(s) each (ms, in one process)`,
    '',
    `  ${'phase'.padEnd(28)}${['mean', 'median', 'min', 'max'].map((h) => h.padStart(9)).join('')}`,
    ...PHASES.map((p) => row(p, b.phases[p])),
    '',
    `  first iteration (cold): ${PHASES.map((p) => `${p} ${b.first[p].toFixed(1)}`).join(', ')}`,
    '',
    '  render time per template',
    ...b.templates.map((t) => row(`${t.pack}:${t.template}`, t.stats)),
  ].join('\n');
}

/** Two benchmarks side by side: mean / median per phase, files, the cold first iteration. */
function sideBySide(a: PackBenchmark, b: PackBenchmark): string {
  const label = (x: PackBenchmark) => `${x.pack.name}@${x.pack.version}`;
  const w = Math.max(22, label(a).length, label(b).length) + 2;
  const cell = (s: Stats) => `${s.mean.toFixed(2)} / ${s.median.toFixed(2)}`.padStart(w);
  return [
    `Benchmark of ${label(a)} vs ${label(b)}: ${a.iterations} iteration(s) each (ms, mean / median, in one process)`,
    '',
    `  ${'phase'.padEnd(16)}${label(a).padStart(w)}${label(b).padStart(w)}`,
    ...PHASES.map((p) => `  ${p.padEnd(16)}${cell(a.phases[p])}${cell(b.phases[p])}`),
    `  ${'first total'.padEnd(16)}${a.first.total.toFixed(2).padStart(w)}${b.first.total.toFixed(2).padStart(w)}`,
    `  ${'files'.padEnd(16)}${String(a.files).padStart(w)}${String(b.files).padStart(w)}`,
    `  ${'templates'.padEnd(16)}${String(a.templates.length).padStart(w)}${String(b.templates.length).padStart(w)}`,
  ].join('\n');
}

export const benchmarkVerb: VerbDefinition = {
  name: 'benchmark',
  group: 'scoring',
  summary: 'Time resolve / query / render / write per template',
  args: '<pack>',
  options: [
    { flags: '--iterations <n>', description: 'runs (default 10)' },
    ...variableOptions(),
    DATA_OPTION,
    VERSION_OPTION,
    { flags: '--skip-queries', description: 'do not run SPARQL queries' },
    { flags: '--no-dependencies', description: 'time the pack alone, not its dependencies' },
    { flags: '--output <file>', description: 'also write the results as JSON to this file (what `--format json` prints as data)' },
    { flags: '--compare <pack>', description: 'benchmark this pack too, with the same iterations and options, and show both side by side' },
  ],
  async run(ctx, args, opts) {
    const iterations = parseCount('--iterations', opts.iterations, 10);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const graph = packsToRender(ctx, store, root, opts);
    const otherRoot = typeof opts.compare === 'string' ? resolvePackArg(store, ctx.cwd, opts.compare) : null;
    const otherGraph = otherRoot ? packsToRender(ctx, store, otherRoot, opts) : null;
    const first = await benchmarkOne(ctx, store, root, graph, otherGraph, opts, iterations);
    const second = otherRoot && otherGraph ? await benchmarkOne(ctx, store, otherRoot, otherGraph, graph, opts, iterations) : null;
    const data = second ? { ...first, compare: second } : first;
    if (typeof opts.output === 'string') {
      const file = resolve(ctx.cwd, opts.output);
      writeResults(file, data);
      ctx.log(`Wrote the results to ${file}`);
    }
    return { data, human: () => (second ? sideBySide(first, second) : single(first)) };
  },
};
