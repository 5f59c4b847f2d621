import { resolve } from 'node:path';
import { bundleFormat, importBundle, openStore } from '../../index';
import { requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';
import { ARCHIVE_FORMAT_OPTION, archiveFormatArg } from '../bundle-args';

export const importVerb: VerbDefinition = {
  name: 'import',
  group: 'utility',
  summary: 'Install from a bundle, verifying checksums',
  args: '<file>',
  options: [
    { flags: '--force', description: 'replace an installed copy of the bundled pack' },
    {
      flags: '--verify',
      description: "say what was verified (verification always runs: every file's SHA-256 and every pack's sha512 integrity)",
    },
    ARCHIVE_FORMAT_OPTION,
  ],
  async run(ctx, args, opts) {
    const file = resolve(ctx.cwd, requiredArg(args, 0, 'file'));
    const format = bundleFormat(file, archiveFormatArg(opts));
    const { manifest, steps, verified } = await importBundle(openStore(ctx.home), file, {
      force: Boolean(opts.force),
      log: ctx.log,
      format,
    });
    const note = `verified: ${verified.packs} pack(s), ${verified.files} file checksum(s) (SHA-256), integrity sha512 matched`;
    // Human output says it on stdout; json/yaml keep stdout one document, so the note goes to stderr.
    if (opts.verify && ctx.format !== 'human') ctx.log(note);
    return {
      data: { file, packs: manifest.packs, steps, verified },
      human: () =>
        [
          opts.verify ? `${file}: ${note}` : `Verified ${verified.files} file checksum(s) in ${file}`,
          ...steps.map((s) => `  ${s.name}@${s.version}: ${s.action}${s.reason ? ` (${s.reason})` : ''}`),
        ].join('\n'),
    };
  },
};
