/** True for a plain object (a parsed TOML table, YAML mapping or JSON object): not null, not an array. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
