/**
 * The render context (SPEC §2, §10): variables, derived template variables and `queries.<name>`,
 * with every list decorated so items carry `_index`, `_first` and `_last`, plus the case lambdas.
 */
import type { VariableValue } from '../manifest/model';
import { caseLambdas } from './case';

export type ContextValue = unknown;
export type RenderContext = Record<string, ContextValue>;

/** SPEC §10 falsy set for `when:`: false, "", 0, "false", "0" and [] (plus absent). */
export function isFalsy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0 || v === 'false' || v === '0') return true;
  if (Array.isArray(v) && v.length === 0) return true;
  return false;
}

/**
 * Copy `value` with each array item decorated. Strings and numbers become String/Number objects so
 * they can carry `_index` while `{{.}}` still prints their value.
 */
export function decorate(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const n = items.length;
    return items.map((item, i) => {
      const marks = { _index: i, _first: i === 0, _last: i === n - 1 };
      if (typeof item === 'string') return Object.assign(new String(item), marks);
      if (typeof item === 'number') return Object.assign(new Number(item), marks);
      if (item !== null && typeof item === 'object') return { ...(decorate(item) as object), ...marks };
      return item;
    });
  }
  if (value !== null && typeof value === 'object' && !(value instanceof String) && !(value instanceof Number)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decorate(v);
    return out;
  }
  return value;
}

/** Build the context: lambdas first so a variable of the same name wins (a pack's own value is explicit). */
export function buildContext(
  variables: Record<string, VariableValue>,
  derived: Record<string, string>,
  queries: Record<string, unknown>,
): RenderContext {
  return {
    ...caseLambdas(),
    ...(decorate(variables) as RenderContext),
    ...derived,
    queries: decorate(queries),
  };
}

/** The row's fields on top of the context (foreach), decorated like any other data. */
export function withRow(ctx: RenderContext, row: Record<string, unknown>): RenderContext {
  return { ...ctx, ...(row as RenderContext) };
}
