import {
  installFromArchive,
  installFromRegistries,
  installFromUrl,
  isUrlSource,
  looksLikeArchive,
  openStore,
  ValidationError,
  type InstallResult,
} from '../../index';
import { REGISTRY_OPTIONS, VERSION_OPTION, parseSource, registryArgs, sourceOption, table, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

/** `--source` names a source filter (bundled|local|remote|all) rather than an archive or URL. */
function isSourceFilter(v: string): boolean {
  try {
    parseSource(v);
    return true;
  } catch {
    return false;
  }
}

export const installVerb: VerbDefinition = {
  name: 'install',
  group: 'management',
  summary: 'Install a pack and its dependencies into the local registry',
  args: '[pack]',
  options: [
    { ...VERSION_OPTION, description: 'version range' },
    sourceOption(
      ', or an archive file or http(s) URL to install from (a bundle made by `export`, or a .tar.gz/.tgz/.zip of one pack folder); <pack> is then optional and must match the archive',
    ),
    ...REGISTRY_OPTIONS,
    { flags: '--force', description: 'reinstall even if installed' },
    { flags: '--no-dependencies', description: 'do not install dependencies' },
    { flags: '--dry-run', description: 'show what would be installed' },
  ],
  async run(ctx, args, opts) {
    const store = openStore(ctx.home);
    const name = args[0];
    const common = {
      force: Boolean(opts.force),
      noDependencies: opts.dependencies === false,
      dryRun: Boolean(opts.dryRun),
      log: ctx.log,
    };
    let result: InstallResult;
    let from = '';
    if (typeof opts.source === 'string' && !isSourceFilter(opts.source)) {
      const source = opts.source;
      if (!isUrlSource(source) && !looksLikeArchive(source, ctx.cwd)) {
        throw new ValidationError(`--source "${source}" is neither a source (bundled, local, remote, all) nor an archive file`, {
          hint: 'e.g. --source local, or --source ./my-pack.tar.gz',
        });
      }
      const archiveOpts = { ...common, name, range: versionRange(opts), cwd: ctx.cwd };
      const r = isUrlSource(source)
        ? await installFromUrl(ctx.home, source, { ...archiveOpts, ...registryArgs(opts, ctx.log) })
        : await installFromArchive(store, source, archiveOpts);
      result = r;
      from = ` from ${r.archive.file}${r.archive.verified ? ` (bundle verified: ${r.archive.verified.files} file checksum${r.archive.verified.files === 1 ? '' : 's'}, ${r.archive.verified.packs} pack integrit${r.archive.verified.packs === 1 ? 'y' : 'ies'})` : ''}`;
    } else {
      if (name === undefined) {
        throw new ValidationError('Missing required argument <pack>', {
          hint: 'Name a pack (`ggen-pack install startup-pack`), or install from an archive file with `--source <file>`.',
        });
      }
      result = await installFromRegistries(ctx.home, name, versionRange(opts), {
        ...common,
        ...registryArgs(opts, ctx.log),
        source: parseSource(opts.source),
        cwd: ctx.cwd,
      });
    }
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
          ? `${verb} ${result.pack.name}@${result.pack.version}${changed.length > 1 ? ` and ${changed.length - 1} other pack(s)` : ''}${from} into ${store.home}/packs`
          : `${result.pack.name}@${result.pack.version} is already installed (--force reinstalls it)`;
        return `${head}\n${table(rows)}`;
      },
    };
  },
};
