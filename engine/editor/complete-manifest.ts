/**
 * Completion in a manifest: table headers, keys and enum values from schemas/pack.schema.json
 * (context-aware: which table, which `[[templates]]` element, which `type` branch, inline tables),
 * plus the values only the workspace knows: categories, SPDX licences, dependency names and their
 * versions (as caret ranges), template / query / RDF file paths inside the pack, variable names.
 */
import spdxIds from 'spdx-license-ids/index.json';
import type { Range, TextEdit } from '../../protocol';
import { LineIndex } from '../manifest/line-index';
import type { LoadedManifest } from '../manifest/load';
import type { KeyPath } from '../manifest/locate';
import { CONDITION_OPERATOR_ALIASES } from '../manifest/model';
import { enumValues, isArrayOfTables, propertiesOf, schemaAt, type SchemaNode, tableHeaders, typeLabel } from './schema-nav';
import { type CursorContext, tomlContextAt } from './toml-context';
import { isObject } from '../util/is-object';
import { toText } from '../util/to-text';
import { yamlContextAt } from './yaml-context';

/** Enum values that are accepted spellings of another (completion says which). */
const ENUM_ALIASES: Readonly<Record<string, string>> = { 'dev-ops': 'devops', ...CONDITION_OPERATOR_ALIASES };

export type CompletionKindName = 'property' | 'value' | 'enum' | 'module' | 'file' | 'folder' | 'variable' | 'function' | 'class';

/**
 * One completion, in engine terms (1-based range to replace); the server maps it to LSP. The optional
 * texts may be set to undefined (no newest version, no description): the server leaves them out.
 */
export interface EditorCompletion {
  label: string;
  kind: CompletionKindName;
  detail?: string | undefined;
  documentation?: string | undefined;
  /** Text replacing `range`; a snippet (`$1`, `${1|a,b|}`) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  filterText?: string;
  sortText?: string | undefined;
  range: Range;
  /** Edits elsewhere in the file applied with the completion (e.g. a PREFIX line). */
  additionalEdits?: TextEdit[] | undefined;
}

/** What completion needs from outside the manifest text (registry, pack files). */
export interface CompletionSources {
  /** Pack names known to the local and bundled registries, with a description. */
  packs(): { name: string; description: string }[];
  /** Versions of a pack, newest first. */
  versions(name: string): string[];
  /** Files of the pack, relative to its root with `/` separators. */
  packFiles(): string[];
}

function valueAtPath(raw: unknown, path: KeyPath): unknown {
  let v = raw;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isObject(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

/** Completions at `offset` (0-based) of `text`; `lastGood` (newest parse) supplies existing keys and types. */
export function completeManifest(
  text: string,
  format: 'toml' | 'yaml',
  offset: number,
  lastGood: LoadedManifest | null,
  sources: CompletionSources,
): EditorCompletion[] {
  const ctx: CursorContext = format === 'toml' ? tomlContextAt(text, offset) : yamlContextAt(text, offset);
  const lines = new LineIndex(text);
  const raw = lastGood?.raw;
  const valueAt = (p: KeyPath) => valueAtPath(raw, p);
  if (ctx.kind !== 'header' && ctx.prefix === '\u0000') return [];
  const range = lines.range(ctx.start, offset);
  if (ctx.kind === 'header') {
    const bracket = ctx.array ? '[[' : '[';
    const from = lines.range(ctx.start - bracket.length, offset);
    const lineEnd = lines.lineEnd(offset);
    const closed = text.slice(offset, lineEnd).includes(']');
    return tableHeaders().map((h) => {
      const open = h.array ? '[[' : '[';
      return {
        label: h.name,
        kind: h.array ? 'class' : 'module',
        detail: h.array ? `[[${h.name}]]` : `[${h.name}]`,
        documentation: h.description,
        insertText: closed ? open + h.name : `${open}${h.name}${h.array ? ']]' : ']'}`,
        filterText: bracket + h.name,
        range: from,
      };
    });
  }
  if (ctx.kind === 'key') return keyCompletions(ctx.table, ctx.inline, ctx.present, format, range, valueAt, sources);
  return valueCompletions(ctx.path, ctx.inString, format, range, valueAt, sources, lastGood);
}

function keyCompletions(
  table: KeyPath,
  inline: boolean,
  present: string[] | undefined,
  format: 'toml' | 'yaml',
  range: Range,
  valueAt: (p: KeyPath) => unknown,
  sources: CompletionSources,
): EditorCompletion[] {
  const existing = valueAt(table);
  // Keys written around the cursor now (the TOML scan) beat the last good parse, which may hold the key being retyped.
  const has = (k: string) => (present ? present.includes(k) : isObject(existing) && k in existing);
  if (table.length === 1 && table[0] === 'dependencies') {
    return sources
      .packs()
      .filter((p) => !has(p.name))
      .map((p) => {
        const latest = sources.versions(p.name)[0];
        const key = /^[A-Za-z0-9_-]+$/.test(p.name) ? p.name : JSON.stringify(p.name);
        const sep = format === 'toml' ? ' = ' : ': ';
        return {
          label: p.name,
          kind: 'module',
          detail: latest ? `^${latest}` : undefined,
          documentation: p.description,
          insertText: `${key}${sep}"^${latest ?? '0.1.0'}"`,
          range,
        };
      });
  }
  if (table.length === 3 && table[0] === 'examples' && table[2] === 'variables') {
    const vars = (valueAt(['variables']) as unknown[] | undefined) ?? [];
    return vars
      .filter(isObject)
      .map((v) => toText(v.name ?? ''))
      .filter((n) => n && !has(n))
      .map((n) => ({
        label: n,
        kind: 'variable',
        insertText: format === 'toml' ? `${n} = ` : `${n}: `,
        range,
      }));
  }
  const node = schemaAt(table, valueAt);
  if (!node) return [];
  const out: EditorCompletion[] = [];
  for (const p of propertiesOf(node, existing)) {
    if (has(p.name)) continue;
    const doc = p.schema.description ?? '';
    const detail = `${typeLabel(p.schema)}${p.required ? ' (required)' : ''}`;
    // At the top level of a TOML file, tables are written as headers.
    if (format === 'toml' && !inline && table.length === 0 && (p.schema.type === 'object' || isArrayOfTables(p.schema))) {
      const arr = isArrayOfTables(p.schema);
      out.push({
        label: p.name,
        kind: arr ? 'class' : 'module',
        detail: arr ? `[[${p.name}]]` : `[${p.name}]`,
        documentation: doc,
        insertText: arr ? `[[${p.name}]]\n` : `[${p.name}]\n`,
        range,
      });
      continue;
    }
    out.push({
      label: p.name,
      kind: 'property',
      detail,
      documentation: doc,
      insertText: keySnippet(p.name, p.schema, format),
      snippet: true,
      range,
      sortText: (p.required ? '0' : '1') + p.name,
    });
  }
  return out;
}

/** `key = <value placeholder>` shaped by the value's type. */
function keySnippet(name: string, s: SchemaNode, format: 'toml' | 'yaml'): string {
  const values = enumValues(s).filter((v) => typeof v === 'string' || typeof v === 'boolean');
  const sep = format === 'toml' ? ' = ' : ': ';
  if (values.length && typeof values[0] === 'boolean') return `${name}${sep}\${1|true,false|}`;
  if (values.length) return `${name}${sep}"\${1|${values.join(',')}|}"`;
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (format === 'yaml') return t === 'object' ? `${name}:\n  $1` : t === 'array' ? `${name}:\n  - $1` : `${name}: $1`;
  if (t === 'string') return `${name} = "$1"`;
  if (t === 'array') return `${name} = [$1]`;
  if (t === 'object') return `${name} = { $1 }`;
  return `${name} = $1`;
}

function valueCompletions(
  path: KeyPath,
  inString: boolean,
  format: 'toml' | 'yaml',
  range: Range,
  valueAt: (p: KeyPath) => unknown,
  sources: CompletionSources,
  lastGood: LoadedManifest | null,
): EditorCompletion[] {
  const str = (label: string, kind: CompletionKindName, detail?: string, documentation?: string, sortText?: string): EditorCompletion => ({
    label,
    kind,
    detail,
    documentation,
    sortText,
    range,
    insertText: inString || format === 'yaml' ? label : JSON.stringify(label),
  });
  const p = path.map((s) => (typeof s === 'number' ? '#' : s)).join('.');
  if (p === 'metadata.license') return spdxIds.map((id) => str(id, 'enum', 'SPDX licence'));
  if (path[0] === 'dependencies' && (path.length === 2 || (path.length === 3 && path[2] === 'version'))) {
    return sources
      .versions(String(path[1]))
      .map((v, i) => str(`^${v}`, 'value', i === 0 ? 'newest' : undefined, undefined, String(i).padStart(4, '0')));
  }
  if (p === 'templates.#.source.package_id') return sources.packs().map((x) => str(x.name, 'module', undefined, x.description));
  if (p === 'templates.#.source.path') return fileCompletions(sources.packFiles(), (f) => !/^pack\.(toml|ya?ml)$/.test(f), str);
  if (p === 'queries.#.source.path') return fileCompletions(sources.packFiles(), (f) => /\.(rq|sparql)$/i.test(f), str);
  if (p === 'rdf.files.#') return fileCompletions(sources.packFiles(), (f) => /\.(ttl|nt|nq|trig)$/i.test(f), str);
  if (p === 'templates.#.conditions.#.variable') {
    return (lastGood?.manifest?.variables ?? []).map((v) => str(v.name, 'variable', v.type, v.description));
  }
  const node = schemaAt(path, valueAt);
  if (!node) return [];
  return enumValues(node).map((v) =>
    typeof v === 'string'
      ? str(v, 'enum', undefined, ENUM_ALIASES[v] ? `Alias of ${ENUM_ALIASES[v]}` : undefined)
      : { label: String(v), kind: 'enum' as const, insertText: String(v), range },
  );
}

/** Pack files (and the folders holding them) matching `want`, as path completions. */
function fileCompletions(
  files: string[],
  want: (f: string) => boolean,
  str: (label: string, kind: CompletionKindName) => EditorCompletion,
): EditorCompletion[] {
  const out = new Map<string, EditorCompletion>();
  for (const f of files) {
    if (!want(f)) continue;
    out.set(f, str(f, 'file'));
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!out.has(dir)) out.set(dir, str(dir, 'folder'));
    }
  }
  return [...out.values()];
}
