/**
 * Composition files (SPEC §4): `composition.yaml` or `.toml` naming several packs with versions,
 * per-pack and global variables, order, and conflict rules; or the same built from `--packs a,b,c`.
 * Every problem is reported at once with the file it is in.
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../../protocol';
import { NotFoundError, ValidationError } from '../errors';
import type { VariableValue } from '../manifest/model';
import { isObject } from '../util/is-object';
import { checkCompositionData, parseCompositionText } from './composition-schema';

export const CONFLICT_MODES = ['ask', 'overwrite', 'skip', 'merge', 'fail'] as const;
export type ConflictMode = (typeof CONFLICT_MODES)[number];

export interface ConflictRule {
  pattern: string;
  action: ConflictMode;
  /** With overwrite: the pack whose file wins (default: the last one rendered). */
  priorityPack?: string;
}

export interface CompositionEntry {
  name: string;
  version: string;
  variables: Record<string, VariableValue>;
  order: number;
  enabled: boolean;
}

export interface Composition {
  name: string;
  description?: string;
  packs: CompositionEntry[];
  globalVariables: Record<string, VariableValue>;
  mode: ConflictMode;
  rules: ConflictRule[];
  /** Extra RDF files of the project (relative to the composition file). */
  data: string[];
}

/**
 * A composition from parsed data; `file` is named in the issues. Checked against
 * schemas/composition.schema.json (see composition-schema.ts); in-memory data has no positions, so
 * these issues carry no range (loadComposition's do).
 */
export function compositionFrom(raw: unknown, file: string): Composition {
  throwIfInvalid(file, checkCompositionData({ file, raw }));
  return buildComposition(raw);
}

function throwIfInvalid(file: string, issues: Issue[]): void {
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors === 0) return;
  throw new ValidationError(`${file} is not a valid composition (${errors} problem(s))`, {
    issues,
    hint: 'See "Composition files" in README.md (schema: schemas/composition.schema.json).',
  });
}

/** The typed composition of data that passed the check. */
function buildComposition(raw: unknown): Composition {
  const r = raw as Record<string, unknown>;
  const cr = isObject(r.conflict_resolution) ? r.conflict_resolution : {};
  const packs = (r.packs as Record<string, unknown>[]).map((p, i): CompositionEntry => ({
    name: p.name as string,
    version: typeof p.version === 'string' ? p.version : '*',
    variables: (isObject(p.variables) ? p.variables : {}) as Record<string, VariableValue>,
    order: typeof p.order === 'number' ? p.order : typeof p.order === 'bigint' ? Number(p.order) : i,
    enabled: p.enabled !== false,
  }));
  const rules = (Array.isArray(cr.rules) ? (cr.rules as Record<string, unknown>[]) : []).map((x): ConflictRule => ({
    pattern: x.pattern as string,
    action: x.action as ConflictMode,
    ...(typeof x.priority_pack === 'string' && { priorityPack: x.priority_pack }),
  }));
  return {
    name: r.name as string,
    ...(typeof r.description === 'string' && { description: r.description }),
    packs,
    globalVariables: (isObject(r.global_variables) ? r.global_variables : {}) as Record<string, VariableValue>,
    mode: (cr.mode ?? 'fail') as ConflictMode,
    rules,
    data: Array.isArray(r.data) ? (r.data as string[]) : [],
  };
}

/**
 * Read a composition file (.yaml/.yml/.toml, or JSON). Every problem is reported at once as an
 * issue with its line and column (ValidationError, exit 2).
 */
export function loadComposition(file: string): Composition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new NotFoundError(`No composition file at ${file}`);
  }
  const parsed = parseCompositionText(file, text);
  if (parsed.issues.length) {
    throw new ValidationError(`${file} does not parse: ${parsed.issues[0]!.message.replace(/^Syntax error: /, '')}`, {
      issues: parsed.issues,
      hint: 'Fix the syntax error, then run the command again.',
    });
  }
  // The rename fixes are for the editor's quick fixes: `lint --fix` does not edit composition files.
  throwIfInvalid(
    file,
    checkCompositionData(parsed).map(({ fix: _fix, ...issue }) => issue),
  );
  return buildComposition(parsed.raw);
}

/** `--packs a,b@^2,c` as a composition. */
export function compositionOfList(list: string, mode: ConflictMode): Composition {
  const packs = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((spec, i) => {
      const at = spec.lastIndexOf('@');
      const scoped = spec.startsWith('@');
      const split = at > (scoped ? 0 : -1) && at > 0;
      return { name: split ? spec.slice(0, at) : spec, version: split ? spec.slice(at + 1) : '*', variables: {}, order: i, enabled: true };
    });
  if (!packs.length) throw new ValidationError('--packs needs at least one pack name', { hint: 'e.g. --packs startup-pack,devops-pack' });
  return { name: 'packs', packs, globalVariables: {}, mode, rules: [], data: [] };
}
