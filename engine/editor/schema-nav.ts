/**
 * Walking schemas/pack.schema.json by key path, for completion and hover: the schema node of a key
 * path, the keys a table accepts (with the `if/then` branch chosen by the table's current `type`),
 * and the enum values of a field. The schema is the single source: the editor offers exactly what
 * validation accepts.
 */
import schemaJson from '../../schemas/pack.schema.json';
import type { KeyPath } from '../manifest/locate';
import { isObject } from '../util/is-object';

/** The subset of JSON Schema the pack schema uses. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  not?: SchemaNode;
  $ref?: string;
  default?: unknown;
}

export interface SchemaProperty {
  name: string;
  schema: SchemaNode;
  required: boolean;
}

const ROOT = schemaJson as unknown as SchemaNode & { definitions?: Record<string, SchemaNode> };

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref?.startsWith('#/definitions/')) return ROOT.definitions?.[node.$ref.slice(14)];
  return node;
}

/** Does `value` satisfy an `if` schema (const / required / not — what the pack schema uses)? */
function matchesIf(cond: SchemaNode, value: unknown): boolean {
  if (cond.not) return !matchesIf(cond.not, value);
  if (!isObject(value)) return false;
  if (cond.required?.some((k) => !(k in value))) return false;
  for (const [k, p] of Object.entries(cond.properties ?? {})) {
    if (k in value && 'const' in p && value[k] !== p.const) return false;
  }
  return true;
}

/** The `then` branches that apply to `value` (all of them when the value does not pick one). */
function branches(node: SchemaNode, value: unknown): SchemaNode[] {
  const conditional = (node.allOf ?? []).filter((b) => b.if && b.then);
  const chosen = conditional.filter((b) => matchesIf(b.if!, value));
  return (chosen.length > 0 ? chosen : conditional).map((b) => b.then!);
}

/** The keys a table accepts, given its current value (which selects `if/then` branches). */
export function propertiesOf(node: SchemaNode, value?: unknown): SchemaProperty[] {
  const n = deref(node)!;
  const seen = new Map<string, SchemaProperty>();
  const add = (src: SchemaNode) => {
    for (const [name, schema] of Object.entries(src.properties ?? {})) {
      const prev = seen.get(name);
      // A branch's copy usually carries the more specific description (`const` of a `type`).
      if (!prev || (!prev.schema.description && schema.description)) {
        seen.set(name, { name, schema: { ...prev?.schema, ...schema }, required: (src.required ?? []).includes(name) || !!prev?.required });
      }
    }
  };
  add(n);
  for (const b of branches(n, value)) add(b);
  return [...seen.values()];
}

/**
 * The schema node at `path` (array indices step into `items`; unknown keys into
 * `additionalProperties`), or null when the schema has nothing there. `valueAt` gives the current
 * document value of a path, to pick `if/then` branches.
 */
export function schemaAt(path: KeyPath, valueAt: (p: KeyPath) => unknown = () => undefined): SchemaNode | null {
  let node: SchemaNode | undefined = ROOT;
  for (let i = 0; i < path.length && node; i++) {
    node = deref(node)!;
    const seg = path[i];
    if (typeof seg === 'number') {
      node = node.items;
      continue;
    }
    const prop = propertiesOf(node, valueAt(path.slice(0, i))).find((p) => p.name === seg);
    node = prop?.schema ?? (isObject(node.additionalProperties) ? node.additionalProperties : undefined);
  }
  return deref(node) ?? null;
}

/** True when the node describes a table (object), possibly alongside other types. */
export function isTable(node: SchemaNode): boolean {
  const t = deref(node)?.type;
  return t === 'object' || (Array.isArray(t) && t.includes('object')) || !!node.properties;
}

/** True when the node is an array whose items are tables (`[[x]]`). */
export function isArrayOfTables(node: SchemaNode): boolean {
  const n = deref(node);
  return n?.type === 'array' && !!n.items && isTable(deref(n.items)!);
}

/** Enum / const / boolean values the field accepts (strings as written in the document). */
export function enumValues(node: SchemaNode): unknown[] {
  const n = deref(node)!;
  if (n.enum) return n.enum;
  if ('const' in n) return [n.const];
  for (const alt of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) if (alt.enum) return alt.enum;
  if (n.type === 'boolean') return [true, false];
  return [];
}

/** Every table path the schema defines (for `[header]` completion): `metadata.author`, `templates` (array). */
export function tableHeaders(): { name: string; array: boolean; description: string }[] {
  const out: { name: string; array: boolean; description: string }[] = [];
  const walk = (node: SchemaNode, prefix: string[], depth: number) => {
    for (const p of propertiesOf(node)) {
      const s = deref(p.schema)!;
      const name = [...prefix, p.name];
      if (isArrayOfTables(s)) {
        out.push({ name: name.join('.'), array: true, description: s.description ?? '' });
        if (depth < 2) walk(deref(s.items)!, name, depth + 1);
      } else if (s.type === 'object') {
        out.push({ name: name.join('.'), array: false, description: s.description ?? '' });
        if (depth < 2 && s.properties) walk(s, name, depth + 1);
      }
    }
  };
  walk(ROOT, [], 0);
  return out;
}

/** The type of a node as a short label (`string`, `integer | string`). */
export function typeLabel(node: SchemaNode): string {
  const n = deref(node)!;
  if (Array.isArray(n.type)) return n.type.join(' | ');
  if (n.type) return n.type;
  if ('const' in n) return JSON.stringify(n.const);
  return 'any';
}
