import { installPack, openStore } from '../../index';
import { VERSION_OPTION, parseSource, requiredArg, sourceOption, table, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

export const installVerb: VerbDefinition = {
  name: 'install',
  group: 'management',
  summary: 'Install a pack and its dependencies into the local registry',
  args: '<pack>',
  options: [
    { ...VERSION_OPTION, description: 'version range' },
    sourceOption(),
    { flags: '--force', description: 'reinstall even if installed' },
    { flags: '--no-dependencies', description: 'do not install dependencies' },
    { flags: '--dry-run', description: 'show what would be installed' },
  ],
  async run(ctx, args, opts) {
    const store = openStore(ctx.home);
    const result = await installPack(store, requiredArg(args, 0, 'pack'), versionRange(opts), {
      force: Boolean(opts.force),
      noDependencies: opts.dependencies === false,
      dryRun: Boolean(opts.dryRun),
      source: parseSource(opts.source),
      cwd: ctx.cwd,
      log: ctx.log,
    });
    for (const w of result.warnings) ctx.log(`warning: ${w}`);
    return {
      data: result,
      human: () => {
        const verb = result.dryRun ? 'Would install' : 'Installed';
        const changed = result.steps.filter((s) => s.action !== 'skip');
        const rows = result.steps.map((s) => [
          `${s.name}@${s.version}`,
          s.action === 'skip' ? `skipped (${s.reason})` : `${result.dryRun ? 'would ' : ''}${s.action} from ${s.from}`,
          s.explicit ? 'explicit' : 'dependency',
        ]);
        const head = changed.length
          ? `${verb} ${result.pack.name}@${result.pack.version}${changed.length > 1 ? ` and ${changed.length - 1} other pack(s)` : ''} into ${store.home}/packs`
          : `${result.pack.name}@${result.pack.version} is already installed (--force reinstalls it)`;
        return `${head}\n${table(rows)}`;
      },
    };
  },
};
