import { resolve } from 'node:path';
import { bundleEntries, bundleFormat, writeBundle, resolvePackArg, openStore, packsToBundle } from '../../index';
import { VERSION_OPTION, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';
import { ARCHIVE_FORMAT_OPTION, archiveFormatArg } from '../bundle-args';

export const exportVerb: VerbDefinition = {
  name: 'export',
  group: 'utility',
  summary: 'Bundle a pack as .tar.gz or .zip with checksums',
  args: '<pack>',
  options: [
    { flags: '--output <file>', description: 'bundle path; .zip for a zip, else .tar.gz (default <name>-<version>.tar.gz, or .zip)' },
    ARCHIVE_FORMAT_OPTION,
    {
      flags: '--include-dependencies',
      description:
        'bundle every pack it depends on too (resolved from the local registry and the bundled catalog), so an import needs no other source',
    },
    VERSION_OPTION,
  ],
  run(ctx, args, opts) {
    const requested = archiveFormatArg(opts);
    const output = typeof opts.output === 'string' ? opts.output : undefined;
    // Checked before anything is resolved: a usage error is exit 2 whatever the pack. Without
    // --output the file is named after the format.
    const format = bundleFormat(output ?? '', requested);
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const packs = packsToBundle(store, root, Boolean(opts.includeDependencies));
    const name = root.name.replace(/^@/, '').replace('/', '-');
    const file = resolve(ctx.cwd, output ?? `${name}-${root.version}.${format}`);
    const { entries, manifest } = bundleEntries(packs);
    writeBundle(file, entries, format);
    const data = { file, format, packs: manifest.packs, files: Object.keys(manifest.files).length };
    return {
      data,
      human: () =>
        `Wrote ${file} (${data.format}): ${manifest.packs.map((p) => `${p.name}@${p.version}`).join(', ')}, ${data.files} file(s) with SHA-256 checksums`,
    };
  },
};
