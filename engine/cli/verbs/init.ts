/** `init [dir]`: write pack.toml for an existing folder, inferring templates, RDF, queries and variables. */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  NotFoundError,
  ValidationError,
  DEFAULT_MANIFEST_FILE,
  findManifestFile,
  displayPath,
  initPack,
  isKebabPackName,
  kebabCase,
} from '../../index';
import type { VerbDefinition } from '../types';
import { categoryOption } from './category-option';

export const initVerb: VerbDefinition = {
  name: 'init',
  group: 'publishing',
  summary: `Write ${DEFAULT_MANIFEST_FILE} for an existing folder, inferring templates`,
  args: '[dir]',
  options: [
    { flags: '--name <name>', description: 'pack name (default: the folder name, kebab-cased)' },
    { flags: '--category <category>', description: 'pack category (default custom)' },
    { flags: '--force', description: 'replace an existing manifest' },
  ],
  run: (ctx, args, opts) => {
    const dir = resolve(ctx.cwd, args[0] ?? '.');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new NotFoundError(`No folder at ${dir}`, {
        hint: 'Give the folder that holds your templates, or use `ggen-pack create` for a new pack.',
      });
    }
    const existing = findManifestFile(dir);
    if (existing && !opts.force) {
      throw new ValidationError(`${existing.file} already exists; init does not replace a manifest`, {
        hint: `Pass --force to replace it (the old file is kept as ${DEFAULT_MANIFEST_FILE}.bak when it is a ${DEFAULT_MANIFEST_FILE}).`,
      });
    }
    const name = typeof opts.name === 'string' ? opts.name.trim() : kebabCase(basename(dir));
    if (!isKebabPackName(name)) {
      throw new ValidationError(`"${name}" is not a kebab-case pack name`, {
        hint: 'Pass --name with lowercase letters, digits and single hyphens, starting with a letter (e.g. --name my-pack).',
      });
    }
    const data = initPack(dir, { name, category: categoryOption(opts.category) });
    return {
      data,
      human: () =>
        [
          `Wrote ${displayPath(ctx.cwd, data.file)}:`,
          `  templates: ${data.templates.map((t) => `${t.alias} (${t.path})`).join(', ') || 'none'}`,
          `  variables: ${data.variables.join(', ') || 'none'} (type string; edit their descriptions)`,
          `  rdf files: ${data.rdf.join(', ') || 'none'}`,
          `  queries:   ${data.queries.map((q) => `${q.name} (${q.path})`).join(', ') || 'none'}`,
          data.license
            ? `  license:   ${data.license} (from the licence file)`
            : '  license:   none found; add `license` before publishing',
          `Maturity score ${data.score.total} (${data.score.level}). Next: ggen-pack validate ${displayPath(ctx.cwd, dir)}`,
        ].join('\n'),
    };
  },
};
