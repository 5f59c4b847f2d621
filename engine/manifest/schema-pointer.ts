/**
 * JSON-pointer helpers for turning ajv errors into positioned issues, shared by the manifest and the
 * composition schema checks.
 */
import type { KeyPath } from './locate';

/** ajv's `instancePath` (`/packs/0/name`) as a key path (`['packs', 0, 'name']`). */
export function instancePath(p: string): (string | number)[] {
  if (p === '') return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The value at `path` in a parsed document (undefined when it is not there). */
export function valueAt(raw: unknown, path: KeyPath): unknown {
  let v = raw;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** The schema object an error's keyword belongs to (`#/properties/metadata/additionalProperties` → metadata's schema). */
export function parentSchemaOf<T>(schema: unknown, schemaPath: string): T | null {
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let node: unknown = schema;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return (node as T | undefined) ?? null;
}
