/**
 * Composition files (SPEC §4): `composition.yaml` or `.toml` naming several packs with versions,
 * per-pack and global variables, order, and conflict rules; or the same built from `--packs a,b,c`.
 * Every problem is reported at once with the file it is in.
 */
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import type { Issue } from '../../protocol';
import { firstLine, NotFoundError, ValidationError } from '../errors';
import type { VariableValue } from '../manifest/model';
import { isObject } from '../util/is-object';

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

/** A composition from parsed data; `file` is named in the issues. */
export function compositionFrom(raw: unknown, file: string): Composition {
  const issues: Issue[] = [];
  const bad = (message: string) => issues.push({ code: 'packs/invalid-composition', severity: 'error', message, file, range: null });
  const r = isObject(raw) ? raw : {};
  if (!isObject(raw)) bad('the composition must be a mapping with `name` and `packs`');
  if (typeof r.name !== 'string' || !r.name) bad('`name` is required');
  const packs: CompositionEntry[] = [];
  if (!Array.isArray(r.packs) || r.packs.length === 0) bad('`packs` must list at least one pack');
  (Array.isArray(r.packs) ? r.packs : []).forEach((p, i) => {
    if (!isObject(p) || typeof p.name !== 'string') return void bad(`packs[${i}] needs a \`name\``);
    if (p.variables !== undefined && !isObject(p.variables)) bad(`packs[${i}].variables must be a mapping`);
    packs.push({
      name: p.name,
      version: typeof p.version === 'string' ? p.version : '*',
      variables: (isObject(p.variables) ? p.variables : {}) as Record<string, VariableValue>,
      order: typeof p.order === 'number' ? p.order : typeof p.order === 'bigint' ? Number(p.order) : i,
      enabled: p.enabled !== false,
    });
  });
  const cr = isObject(r.conflict_resolution) ? r.conflict_resolution : {};
  const mode = (cr.mode ?? 'fail') as ConflictMode;
  if (!CONFLICT_MODES.includes(mode))
    bad(`conflict_resolution.mode must be one of ${CONFLICT_MODES.join(', ')} (got "${String(cr.mode)}")`);
  const rules: ConflictRule[] = [];
  (Array.isArray(cr.rules) ? cr.rules : []).forEach((x, i) => {
    if (!isObject(x) || typeof x.pattern !== 'string' || !CONFLICT_MODES.includes(x.action as ConflictMode)) {
      return void bad(`conflict_resolution.rules[${i}] needs \`pattern\` and an \`action\` (${CONFLICT_MODES.join('|')})`);
    }
    rules.push({
      pattern: x.pattern,
      action: x.action as ConflictMode,
      ...(typeof x.priority_pack === 'string' && { priorityPack: x.priority_pack }),
    });
  });
  if (r.global_variables !== undefined && !isObject(r.global_variables)) bad('`global_variables` must be a mapping');
  if (issues.length)
    throw new ValidationError(`${file} is not a valid composition (${issues.length} problem(s))`, {
      issues,
      hint: 'See the composition file reference in README.md.',
    });
  return {
    name: r.name as string,
    ...(typeof r.description === 'string' && { description: r.description }),
    packs,
    globalVariables: (isObject(r.global_variables) ? r.global_variables : {}) as Record<string, VariableValue>,
    mode,
    rules,
    data: Array.isArray(r.data) ? r.data.filter((d): d is string => typeof d === 'string') : [],
  };
}

/** Read a composition file (.yaml/.yml/.toml, or JSON). */
export function loadComposition(file: string): Composition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new NotFoundError(`No composition file at ${file}`);
  }
  let raw: unknown;
  try {
    raw = /\.toml$/i.test(file) ? parseToml(text) : (require('yaml') as typeof import('yaml')).parse(text);
  } catch (err) {
    throw new ValidationError(`${file} does not parse: ${firstLine((err as Error).message)}`);
  }
  return compositionFrom(raw, file);
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
