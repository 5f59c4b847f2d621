import { benchmarkGeneration, PHASES, type BenchmarkStats as Stats, resolvePackArg, openStore, packFinder } from '../../index';
import { DATA_OPTION, dataFiles, packsToRender, variableLayers, variableOptions } from '../generation-args';
import { VERSION_OPTION, parseCount, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

const row = (label: string, s: Stats) =>
  `  ${label.padEnd(28)} ${[s.mean, s.median, s.min, s.max].map((n) => n.toFixed(2).padStart(9)).join('')}`;

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
  ],
  async run(ctx, args, opts) {
    const iterations = parseCount('--iterations', opts.iterations, 10);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const graph = packsToRender(ctx, store, root, opts);
    ctx.log(`Generating ${root.name}@${root.version} ${iterations} time(s) into temporary directories…`);
    const result = await benchmarkGeneration(
      {
        packs: graph.packs,
        layers: variableLayers(ctx, opts),
        data: dataFiles(ctx, opts),
        skipQueries: Boolean(opts.skipQueries),
        findPack: packFinder(store),
      },
      iterations,
    );
    return {
      data: { pack: { name: root.name, version: root.version }, ...result },
      human: () =>
        [
          `Benchmark of ${root.name}@${root.version}: ${result.iterations} iteration(s), ${result.files} file(s) each (ms, in one process)`,
          '',
          `  ${'phase'.padEnd(28)}${['mean', 'median', 'min', 'max'].map((h) => h.padStart(9)).join('')}`,
          ...PHASES.map((p) => row(p, result.phases[p])),
          '',
          `  first iteration (cold): ${PHASES.map((p) => `${p} ${result.first[p].toFixed(1)}`).join(', ')}`,
          '',
          '  render time per template',
          ...result.templates.map((t) => row(`${t.pack}:${t.template}`, t.stats)),
        ].join('\n'),
    };
  },
};
