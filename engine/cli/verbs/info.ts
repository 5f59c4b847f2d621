import { summarizePack, resolvePackArg, openStore } from '../../index';
import { VERSION_OPTION, requiredArg, table, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

export const infoVerb: VerbDefinition = {
  name: 'info',
  group: 'discovery',
  summary: 'One-screen summary of a pack',
  args: '<pack>',
  options: [VERSION_OPTION],
  run(ctx, args, opts) {
    const store = openStore(ctx.home);
    const pack = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
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
