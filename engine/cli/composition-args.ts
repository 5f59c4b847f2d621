/** `--packs` / `--composition-file` / `--resolve-conflicts`, shared by compose and plan and parsed by `compositionOf`. */
import { dirname, resolve } from 'node:path';
import { CONFLICT_MODES, compositionOfList, loadComposition, type Composition, type ConflictMode, ValidationError } from '../index';
import type { CliContext, VerbOption } from './types';

/** What to compose: `--packs` or `--composition-file`. */
export const COMPOSITION_OPTIONS: VerbOption[] = [
  { flags: '--packs <list>', description: 'a,b,c (name or name@range each)' },
  { flags: '--composition-file <file>', description: 'composition.yaml or .toml' },
];

/** `--resolve-conflicts <mode>`: the modes, then what the verb adds (`note`). */
export function resolveConflictsOption(note = ''): VerbOption {
  return { flags: '--resolve-conflicts <mode>', description: `${CONFLICT_MODES.join('|')}${note}` };
}

export function compositionOf(
  ctx: CliContext,
  opts: Record<string, unknown>,
): { composition: Composition; baseDir: string; mode: ConflictMode | undefined } {
  const mode = opts.resolveConflicts as ConflictMode | undefined;
  if (mode !== undefined && !CONFLICT_MODES.includes(mode)) {
    throw new ValidationError(`--resolve-conflicts must be one of ${CONFLICT_MODES.join(', ')} (got "${mode}")`);
  }
  if (typeof opts.compositionFile === 'string' && typeof opts.packs === 'string') {
    throw new ValidationError('Give --packs or --composition-file, not both');
  }
  if (typeof opts.compositionFile === 'string') {
    const file = resolve(ctx.cwd, opts.compositionFile);
    return { composition: loadComposition(file), baseDir: dirname(file), mode };
  }
  if (typeof opts.packs === 'string') return { composition: compositionOfList(opts.packs, mode ?? 'fail'), baseDir: ctx.cwd, mode };
  throw new ValidationError('Say what to compose: --packs a,b,c or --composition-file composition.yaml', {
    hint: 'e.g. `ggen-pack compose --packs startup-pack,devops-pack --output my-app`',
  });
}
