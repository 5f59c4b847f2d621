/** Small text helpers shared by the scaffold writers (create, init). */

/** A TOML basic string. JSON string escapes are a subset of TOML's, so JSON.stringify is exact. */
export function tomlString(s: string): string {
  return JSON.stringify(s);
}

/** `["a", "b"]`. */
export function tomlStringArray(items: string[]): string {
  return `[${items.map(tomlString).join(', ')}]`;
}

/** "my-custom-pack" → "My Custom Pack". */
export function titleOf(name: string): string {
  const base = name.replace(/^@[^/]+\//, '');
  return base
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** "My Folder_Name" → "my-folder-name" (the pack-name form). */
export function kebabCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '');
}

/** "list-services" → "list_services" (the identifier form of variables and queries). */
export function snakeCase(s: string): string {
  const out = s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(out) ? out : `q_${out}`;
}

/** Pack names (SPEC §2): kebab-case, 1-64 characters, optionally scoped `@scope/name`. */
export const PACK_NAME_RE = /^(@[a-z0-9]+(-[a-z0-9]+)*\/)?[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function isKebabPackName(name: string): boolean {
  return PACK_NAME_RE.test(name) && name.replace(/^@[^/]+\//, '').length <= 64;
}
