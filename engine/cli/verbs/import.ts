import { resolve } from 'node:path';
import { importBundle, openStore } from '../../index';
import { requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';

export const importVerb: VerbDefinition = {
  name: 'import',
  group: 'utility',
  summary: 'Install from a bundle, verifying checksums',
  args: '<file>',
  options: [{ flags: '--force', description: 'replace an installed copy of the bundled pack' }],
  async run(ctx, args, opts) {
    const file = resolve(ctx.cwd, requiredArg(args, 0, 'file'));
    const { manifest, steps } = await importBundle(openStore(ctx.home), file, { force: Boolean(opts.force), log: ctx.log });
    return {
      data: { file, packs: manifest.packs, steps },
      human: () =>
        [
          `Verified ${Object.keys(manifest.files).length} file checksum(s) in ${file}`,
          ...steps.map((s) => `  ${s.name}@${s.version}: ${s.action}${s.reason ? ` (${s.reason})` : ''}`),
        ].join('\n'),
    };
  },
};
