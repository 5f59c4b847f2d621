import { resolve } from 'node:path';
import { benchmarkGeneration, PHASES, type Stats } from '../../benchmark';
import { resolvePackArg } from '../../registry/resolve-arg';
import { openStore, packFinder } from '../../registry/store';
import { resolveGraph } from '../../resolve';
import { optionList, variableLayers } from '../generation-args';
import { parseCount, requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';

const row = (label: string, s: Stats) =>
  `  ${label.padEnd(28)} ${[s.mean, s.median, s.min, s.max].map((n) => n.toFixed(2).padStart(9)).join('')}`;

export const benchmarkVerb: VerbDefinition = {
  name: 'benchmark',
  group: 'scoring',
  summary: 'Time resolve / query / render / write per template',
  args: '<pack>',
  implemented: true,
  options: [
    { flags: '--iterations <n>', description: 'runs (default 10)' },
    { flags: '--var <k=v>', description: 'variable value (repeat)', repeat: true },
    { flags: '--vars-file <file>', description: 'YAML, JSON or TOML file of variables' },
    { flags: '--data <file>', description: 'extra RDF data file (repeat)', repeat: true },
    { flags: '--version <range>', description: 'pack version or range' },
    { flags: '--skip-queries', description: 'do not run SPARQL queries' },
    { flags: '--no-dependencies', description: 'time the pack alone, not its dependencies' },
  ],
  async run(ctx, args, opts) {
    const iterations = parseCount('--iterations', opts.iterations, 10);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), opts.version as string | undefined);
    const graph = opts.dependencies === false ? { packs: [root], warnings: [] } : resolveGraph(store, root);
    for (const w of graph.warnings) ctx.log(`warning: ${w}`);
    ctx.log(`Generating ${root.name}@${root.version} ${iterations} time(s) into temporary directories…`);
    const result = await benchmarkGeneration(
      {
        packs: graph.packs,
        layers: variableLayers(ctx, opts),
        data: optionList(opts.data).map((f) => resolve(ctx.cwd, f)),
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
