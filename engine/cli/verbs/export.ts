import { resolve } from 'node:path';
import { formatOf, bundleEntries, writeBundle, resolvePackArg, openStore, resolveGraph } from '../../index';
import { VERSION_OPTION, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

export const exportVerb: VerbDefinition = {
  name: 'export',
  group: 'utility',
  summary: 'Bundle a pack as .tar.gz or .zip with checksums',
  args: '<pack>',
  options: [
    { flags: '--output <file>', description: 'bundle path; .zip for a zip, else .tar.gz (default <name>-<version>.tar.gz)' },
    { flags: '--include-dependencies', description: 'bundle dependencies too' },
    VERSION_OPTION,
  ],
  run(ctx, args, opts) {
    const store = openStore(ctx.home);
    const root = resolvePackArg(store, ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const packs = opts.includeDependencies ? resolveGraph(store, root).packs : [root];
    const name = root.name.replace(/^@/, '').replace('/', '-');
    const file = resolve(ctx.cwd, typeof opts.output === 'string' ? opts.output : `${name}-${root.version}.tar.gz`);
    const { entries, manifest } = bundleEntries(packs);
    writeBundle(file, entries);
    const data = { file, format: formatOf(file), packs: manifest.packs, files: Object.keys(manifest.files).length };
    return {
      data,
      human: () =>
        `Wrote ${file} (${data.format}): ${manifest.packs.map((p) => `${p.name}@${p.version}`).join(', ')}, ${data.files} file(s) with SHA-256 checksums`,
    };
  },
};
