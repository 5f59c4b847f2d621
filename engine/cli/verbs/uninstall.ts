import { uninstallPack, openStore } from '../../index';
import { requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';

export const uninstallVerb: VerbDefinition = {
  name: 'uninstall',
  group: 'management',
  summary: 'Remove an installed pack',
  args: '<pack>',
  options: [
    { flags: '--keep-dependencies', description: 'keep packs installed only as its dependencies' },
    { flags: '--force', description: 'remove even if other packs depend on it' },
    { flags: '--purge', description: 'also remove cached downloads' },
    { flags: '--dry-run', description: 'show what would be removed' },
  ],
  run(ctx, args, opts) {
    const store = openStore(ctx.home);
    const result = uninstallPack(store, requiredArg(args, 0, 'pack'), {
      force: Boolean(opts.force),
      keepDependencies: Boolean(opts.keepDependencies),
      purge: Boolean(opts.purge),
      dryRun: Boolean(opts.dryRun),
      log: ctx.debug,
    });
    if (result.brokenDependents.length)
      ctx.log(`warning: ${result.brokenDependents.join(', ')} now miss a dependency (removed with --force)`);
    return {
      data: result,
      human: () =>
        [
          ...result.removed.map(
            (r) =>
              `${result.dryRun ? 'would remove' : 'removed'} ${r.name}@${r.version}${r.reason === 'requested' ? '' : ' (dependency no longer needed)'}`,
          ),
          ...result.purged.map((p) => `purged ${p}`),
        ].join('\n'),
    };
  },
};
