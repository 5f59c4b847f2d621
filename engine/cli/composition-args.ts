/** `--packs` / `--composition-file` / `--resolve-conflicts`, shared by compose and plan and parsed by `compositionOf`. */
import { dirname, resolve } from 'node:path';
import { CONFLICT_MODES, compositionOfList, loadComposition, type Composition, type ConflictMode, ValidationError } from '../index';
import type { CliContext, VerbOption } from './types';

/** What to compose: `--packs` or `--composition-file`. */
export const COMPOSITION_OPTIONS: VerbOption[] = [
  {
    flags: '--packs <list>',
    description: "a,b,c (name or name@range each); with --composition-file, that file's settings for just these packs",
  },
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
  if (typeof opts.compositionFile === 'string') {
    const file = resolve(ctx.cwd, opts.compositionFile);
    const composition = loadComposition(file);
    if (typeof opts.packs === 'string') return { composition: onlyPacks(composition, opts.packs), baseDir: dirname(file), mode };
    return { composition, baseDir: dirname(file), mode };
  }
  if (typeof opts.packs === 'string') return { composition: compositionOfList(opts.packs, mode ?? 'fail'), baseDir: ctx.cwd, mode };
  throw new ValidationError('Say what to compose: --packs a,b,c or --composition-file composition.yaml', {
    hint: 'e.g. `ggen-pack compose --packs startup-pack,devops-pack --output my-app`',
  });
}

/**
 * Both given (the design's `plan --packs a,b --composition-file c.yaml`): the file's configuration —
 * global variables, conflict rules, each pack's variables and settings — for exactly the listed packs,
 * in the listed order. A listed pack the file does not name joins with no settings; a range in the list
 * (`name@range`) wins over the file's.
 */
function onlyPacks(composition: Composition, list: string): Composition {
  const listed = compositionOfList(list, composition.mode).packs;
  const packs = listed.map((entry, order) => {
    const inFile = composition.packs.find((p) => p.name === entry.name);
    const version = entry.version !== '*' || !inFile ? entry.version : inFile.version;
    return { ...(inFile ?? entry), version, order, enabled: true };
  });
  return { ...composition, packs };
}
