/**
 * Variable values: coercion from what users type (`--var k=v`, TOML/YAML values) to the declared
 * type, and validation against the declaration (SPEC §10 "Variables"). Used by generate, by the
 * `packs/default-violates-validation` lint rule and by the editor, so all three agree.
 */
import { isObject } from '../util/is-object';
import { toText } from '../util/to-text';
import type { VariableDef, VariableValue } from './model';
import { compileUserRegex } from '../render/user-regex';

export type Coerced = { ok: true; value: VariableValue } | { ok: false; message: string };

const TRUE = new Set(['true', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'no', '0', 'off']);

/** Turn a user-supplied value (often a string) into the declared type, or say why it cannot be. */
export function coerceVariableValue(def: Pick<VariableDef, 'type' | 'name'>, input: VariableValue): Coerced {
  switch (def.type) {
    case 'integer': {
      if (typeof input === 'number') {
        return Number.isInteger(input) ? { ok: true, value: input } : { ok: false, message: `expected an integer, got ${input}` };
      }
      if (typeof input === 'string' && /^[+-]?\d+$/.test(input.trim())) return { ok: true, value: Number(input.trim()) };
      return { ok: false, message: `expected an integer, got ${JSON.stringify(input)}` };
    }
    case 'boolean': {
      if (typeof input === 'boolean') return { ok: true, value: input };
      const s = toText(input).trim().toLowerCase();
      if (TRUE.has(s)) return { ok: true, value: true };
      if (FALSE.has(s)) return { ok: true, value: false };
      return { ok: false, message: `expected a boolean (true/false/yes/no/1/0), got ${JSON.stringify(input)}` };
    }
    case 'list': {
      if (Array.isArray(input)) return { ok: true, value: input };
      if (typeof input !== 'string') return { ok: false, message: `expected a list, got ${JSON.stringify(input)}` };
      const s = input.trim();
      if (s.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(s);
          if (Array.isArray(parsed)) return { ok: true, value: parsed as VariableValue[] };
        } catch {
          return { ok: false, message: `expected a JSON array or comma-separated values, got ${JSON.stringify(input)}` };
        }
      }
      return { ok: true, value: s === '' ? [] : s.split(',').map((x) => x.trim()) };
    }
    case 'object': {
      if (isObject(input)) return { ok: true, value: input };
      if (typeof input === 'string') {
        try {
          const parsed: unknown = JSON.parse(input);
          if (isObject(parsed)) return { ok: true, value: parsed as VariableValue };
        } catch {
          /* fall through to the message below */
        }
      }
      return { ok: false, message: `expected a JSON object, got ${JSON.stringify(input)}` };
    }
    default: {
      // string, enum, path: scalars are accepted in their string form.
      if (typeof input === 'object') return { ok: false, message: `expected a ${def.type}, got ${JSON.stringify(input)}` };
      return { ok: true, value: String(input) };
    }
  }
}

/** Every way `value` (already coerced) breaks its declaration; empty when valid. */
export function validateVariableValue(def: VariableDef, value: VariableValue): string[] {
  const problems: string[] = [];
  const v = def.validation;
  if (def.type === 'enum' && def.values && !def.values.includes(toText(value))) {
    problems.push(`must be one of ${def.values.join(', ')}; got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'string' && v) {
    const len = [...value].length;
    if (v.minLength !== undefined && len < v.minLength) problems.push(`must be at least ${v.minLength} characters; got ${len}`);
    if (v.maxLength !== undefined && len > v.maxLength) problems.push(`must be at most ${v.maxLength} characters; got ${len}`);
    if (v.pattern !== undefined) {
      // RE2 (linear time): a pattern like ^(a+)+$ cannot hang generation on a long value.
      const re = compileUserRegex(v.pattern);
      if (!re.ok) {
        problems.push(
          re.kind === 'javascript'
            ? `its validation pattern /${v.pattern}/ does not compile`
            : `its validation pattern /${v.pattern}/ cannot be used: ${re.message}; patterns run on RE2 (linear time, no backreferences or lookaround)`,
        );
      } else if (!re.regex.test(value)) problems.push(`must match /${v.pattern}/; got ${JSON.stringify(value)}`);
    }
  }
  if (typeof value === 'number' && v) {
    if (v.min !== undefined && value < v.min) problems.push(`must be ≥ ${v.min}; got ${value}`);
    if (v.max !== undefined && value > v.max) problems.push(`must be ≤ ${v.max}; got ${value}`);
  }
  return problems;
}
