import { isObject } from './is-object';

/**
 * `String(v)` made deliberate for values of any shape (parsed TOML / YAML, variable values): the
 * same text for scalars, null, dates and lists, but a plain object, which String() would print as
 * "[object Object]", is written as JSON.
 */
export function toText(v: unknown): string {
  if (Array.isArray(v)) return v.map((x: unknown) => (x === undefined || x === null ? '' : toText(x))).join(',');
  if (isObject(v) && v.toString === Object.prototype.toString) return JSON.stringify(v);
  return String(v);
}
