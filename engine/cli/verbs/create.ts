/** `create --name <name>`: scaffold a new pack that validates clean and scores Beta or better. */
import { resolve } from 'node:path';
import {
  ValidationError,
  DEFAULT_MANIFEST_FILE,
  parseManifestText,
  scaffoldPack,
  type ScaffoldKind,
  writeNewFolder,
  isKebabPackName,
  scorePack,
  toText,
} from '../../index';
import type { VerbDefinition } from '../types';
import { categoryOption } from './category-option';

const KINDS: ScaffoldKind[] = ['basic', 'rdf'];

export const createVerb: VerbDefinition = {
  name: 'create',
  group: 'publishing',
  summary: 'Scaffold a new pack',
  options: [
    { flags: '--name <name>', description: 'pack name (kebab-case; required)' },
    { flags: '--category <category>', description: 'pack category (default custom)' },
    { flags: '--template <kind>', description: 'starting template: basic|rdf (default basic)' },
    {
      flags: '--output <dir>',
      description: "the pack's folder (default ./<name>), as in ggen's `create --name my-pack --output ./my-pack`",
    },
  ],
  run: (ctx, _args, opts) => {
    const name = typeof opts.name === 'string' ? opts.name.trim() : '';
    if (!name) {
      throw new ValidationError('create needs --name', { hint: 'Run e.g. `ggen-pack create --name my-custom-pack`.' });
    }
    if (!isKebabPackName(name)) {
      throw new ValidationError(`--name "${name}" is not a kebab-case pack name`, {
        hint: 'Use lowercase letters, digits and single hyphens, starting with a letter, at most 64 characters (e.g. my-custom-pack; a scope such as @acme/my-pack is allowed).',
      });
    }
    const category = categoryOption(opts.category);
    const kind = (opts.template ?? 'basic') as ScaffoldKind;
    if (!KINDS.includes(kind)) {
      throw new ValidationError(`--template "${toText(opts.template)}" is not a scaffold`, {
        hint: 'Use --template basic or --template rdf.',
      });
    }
    // `--output` is the pack's own folder (ggen's quick reference: `create --name my-custom-pack --output ./my-pack`, then
    // `vim ./my-pack/pack.toml`); without it, a folder named after the pack (its scope dropped) in the current directory.
    const dir = resolve(ctx.cwd, typeof opts.output === 'string' ? opts.output : name.replace(/^@[^/]+\//, ''));
    const files = scaffoldPack({ name, category, kind });
    const written = writeNewFolder(dir, files);
    const manifestText = files[DEFAULT_MANIFEST_FILE];
    const manifest = parseManifestText(manifestText, 'toml', resolve(dir, DEFAULT_MANIFEST_FILE)).manifest!;
    const score = scorePack(manifest);
    const data = { name, dir, template: kind, category, files: written, score: { total: score.total, level: score.level } };
    return {
      data,
      human: () =>
        [
          `Created ${name} in ${dir} (${written.length} files, template ${kind}).`,
          `Maturity score ${score.total} (${score.level}); publishing needs more than 80.`,
          'Next:',
          `  ggen-pack validate ${dir}`,
          `  ggen-pack generate ${dir} --output my-project`,
          `  ggen-pack score ${dir}        # what to add before publishing`,
          `  ggen-pack publish ${dir} --dry-run`,
        ].join('\n'),
    };
  },
};
