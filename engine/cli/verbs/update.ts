import { updateFromRegistries } from '../../index';
import { REGISTRY_OPTIONS, registryArgs } from '../pack-args';
import type { VerbDefinition } from '../types';

export const updateVerb: VerbDefinition = {
  name: 'update',
  group: 'management',
  summary: 'Update packs to the newest version within their range',
  args: '[pack]',
  options: [
    { flags: '--latest', description: 'cross major versions (breaking changes are listed)' },
    { flags: '--check', description: 'only report available updates' },
    { flags: '--dry-run', description: 'show what would change' },
    ...REGISTRY_OPTIONS,
  ],
  async run(ctx, args, opts) {
    // Newer versions on the remote registries are fetched first; the update itself is one transaction as before.
    const result = await updateFromRegistries(ctx.home, {
      ...registryArgs(opts, ctx.log),
      only: args[0],
      latest: Boolean(opts.latest),
      check: Boolean(opts.check),
      dryRun: Boolean(opts.dryRun),
      log: ctx.log,
    });
    for (const u of result.updates) {
      if (u.major)
        ctx.log(`warning: ${u.name} ${u.from} → ${u.to} crosses a major version${u.breaking.length ? `: ${u.breaking.join('; ')}` : ''}`);
    }
    const verb = opts.check ? 'available' : opts.dryRun ? 'would install' : 'installed';
    return {
      data: result,
      human: () =>
        [
          ...(result.updates.length
            ? result.updates.map((u) => `${u.name}  ${u.from} → ${u.to}  (${verb})`)
            : ['Everything is up to date.']),
          ...(result.current.length && result.updates.length ? [`up to date: ${result.current.join(', ')}`] : []),
          ...result.held.map(
            (h) => `${h.name} ${h.newest} is a new major version (installed ${h.version}): \`ggen-pack update ${h.name} --latest\``,
          ),
        ].join('\n'),
    };
  },
};
