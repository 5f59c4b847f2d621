import { summarizePack, resolvePackArg, storeFor, systemInfo, ValidationError, type SystemInfo } from '../../index';
import { REGISTRY_OPTIONS, VERSION_OPTION, registryArgs, requiredArg, table, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

/** `info --system`: one `label: value` line each (the telemetry line is quoted by ggen's documents). */
function systemText(s: SystemInfo): string {
  const from = (v: string) => (v === 'default' ? '' : ` (${v})`);
  const registries =
    s.registries.length === 0
      ? ['registries: none configured (GGEN_REGISTRY_URL, or [registries] in config.toml)']
      : [
          'registries (not queried by this version of Packs):',
          ...s.registries.map((r) => `  ${r.name}${r.default ? ' (default)' : ''}: ${r.url} — ${r.from}`),
        ];
  return [
    `engine: ggen-pack ${s.engineVersion}`,
    `pack format: ${s.packFormatVersion} (the ggen pack format this engine implements)`,
    `node: ${s.node}`,
    `platform: ${s.platform}/${s.arch}`,
    `GGEN_HOME: ${s.home}`,
    `packs: ${s.packsDir}${from(s.packsDirFrom)}`,
    `cache: ${s.cacheDir}${from(s.cacheDirFrom)} — ${s.cache.size} (V8 code cache ${s.cache.v8.size}, SPARQL answers ${s.cache.sparql.size})`,
    `config: ${s.configFile}${s.configFileExists ? '' : ' (none)'}`,
    ...registries,
    `telemetry: off (${s.telemetry.note})`,
  ].join('\n');
}

export const infoVerb: VerbDefinition = {
  name: 'info',
  group: 'discovery',
  summary: 'One-screen summary of a pack (or, with --system, of this installation)',
  args: '[pack]',
  options: [
    VERSION_OPTION,
    ...REGISTRY_OPTIONS,
    {
      flags: '--system',
      description:
        'versions (engine, ggen pack format, Node), platform, $GGEN_HOME, packs and cache folders (cache size), registries, telemetry',
    },
  ],
  async run(ctx, args, opts) {
    if (opts.system) {
      if (args.length > 0) throw new ValidationError('info --system takes no <pack>', { hint: 'Run `ggen-pack info --system` alone.' });
      const s = systemInfo();
      return { data: s, human: () => systemText(s) };
    }
    // A pack only a remote registry has is fetched (and verified) into the cache first.
    const arg = requiredArg(args, 0, 'pack');
    const { store } = await storeFor(ctx.home, ctx.cwd, arg, versionRange(opts), registryArgs(opts, ctx.log));
    const pack = resolvePackArg(store, ctx.cwd, arg, versionRange(opts));
    const s = summarizePack(store, pack);
    const deps = Object.entries(s.dependencies);
    return {
      data: s,
      human: () =>
        [
          `${s.name}@${s.version}${s.title ? ` — ${s.title}` : ''}`,
          s.description,
          '',
          table([
            ['category', s.category],
            ['tags', s.tags.join(', ') || '-'],
            ['license', s.license ?? '-'],
            ['source', `${s.source}${s.installed ? ' (installed)' : ''}${s.latest !== s.version ? `; newest ${s.latest}` : ''}`],
            ['contents', `${s.templates} template(s), ${s.queries} quer${s.queries === 1 ? 'y' : 'ies'}, ${s.variables} variable(s)`],
            ['requires', s.requiredVariables.join(', ') || '-'],
            ['depends on', deps.map(([n, r]) => `${n} ${r}`).join(', ') || '-'],
          ]),
          '',
          `usage: ${s.usage}`,
        ].join('\n'),
    };
  },
};
