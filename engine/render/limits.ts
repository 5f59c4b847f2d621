/** SPEC §2 limits, each enforced with an error that names the limit. */
import { GenerationError, ValidationError } from '../errors';
import type { Manifest } from '../manifest/model';

export const LIMITS = {
  packBytes: 100 * 1024 * 1024,
  templateFileBytes: 10 * 1024 * 1024,
  templates: 100,
  queries: 50,
  variables: 100,
  dependencies: 100,
  queryTimeoutMs: 2000,
} as const;

const MB = 1024 * 1024;

/** Count limits of one manifest (templates, queries, variables, dependencies). */
export function checkManifestLimits(m: Manifest, packName: string): void {
  const counts: [string, number, number][] = [
    ['templates', m.templates.length, LIMITS.templates],
    ['queries', m.queries.length, LIMITS.queries],
    ['variables', m.variables.length, LIMITS.variables],
    ['dependencies', m.dependencies.length, LIMITS.dependencies],
  ];
  for (const [what, n, max] of counts) {
    if (n > max) {
      throw new ValidationError(`Pack ${packName} declares ${n} ${what}; the limit is ${max} ${what} per pack`, {
        hint: `Split the pack into smaller packs that depend on each other.`,
      });
    }
  }
}

/** One template file's size. */
export function checkTemplateFileSize(file: string, bytes: number): void {
  if (bytes > LIMITS.templateFileBytes) {
    throw new GenerationError(`${file} is ${(bytes / MB).toFixed(1)} MB; the template file limit is 10 MB`, {
      hint: 'Keep large assets out of templates (download them in a hook or generate them).',
    });
  }
}

/** Running total of template bytes read from one pack. */
export function checkPackSize(packName: string, bytes: number): void {
  if (bytes > LIMITS.packBytes) {
    throw new GenerationError(`Pack ${packName} has more than 100 MB of template files; the pack limit is 100 MB`, {
      hint: 'Remove large files from the templates or add them to `excludes`.',
    });
  }
}
