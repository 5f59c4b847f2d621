/**
 * Key path → source range in a manifest (`['templates', 2, 'source', 'path']` → where that value, or
 * its key, is written). smol-toml and `yaml.toJS()` give values without positions, so issues are
 * located here from a second, position-keeping parse: toml-eslint-parser's AST for TOML ([[array
 * tables]], dotted keys, inline tables) and yaml's CST-backed document for YAML. The index is built
 * only when an issue needs a range, and cached per LoadedManifest.
 */
import type { AST } from 'toml-eslint-parser';
import type { Node as YamlNode } from 'yaml';
import type { Range } from '../../protocol';
import { LineIndex } from './line-index';
import type { LoadedManifest } from './load';

export type KeyPath = readonly (string | number)[];

/** Offsets of one located entry: `key` is null for array elements (and the document root). */
export interface Located {
  key: [number, number] | null;
  value: [number, number];
}

interface ManifestLocations {
  lines: LineIndex;
  entries: Map<string, Located>;
}

const cache = new WeakMap<LoadedManifest, ManifestLocations>();
const id = (path: KeyPath): string => JSON.stringify(path);
/** The key path of an `entries` id. */
export const pathOfId = (entryId: string): KeyPath => JSON.parse(entryId) as KeyPath;

/**
 * The range of the value at `path` (or of its key with `which = 'key'`), falling back to the
 * nearest parent path that exists in the source (a missing field points at its table).
 */
export function locate(loaded: LoadedManifest, path: KeyPath, which: 'value' | 'key' = 'value'): Range {
  const { lines, entries } = locations(loaded);
  for (let n = path.length; n > 0; n--) {
    const hit = entries.get(id(path.slice(0, n)));
    if (!hit) continue;
    // A parent standing in for a missing child: its key (table header, `name:`) is the tighter mark.
    const span = (which === 'key' || n < path.length) && hit.key ? hit.key : hit.value;
    return lines.range(span[0], span[1]);
  }
  // Nothing of the path is written (e.g. a missing top-level table): the first line.
  return lines.lineRange(1);
}

/** The exact entry at `path`, or null when the source does not write it (no parent fallback). */
export function locateExact(loaded: LoadedManifest, path: KeyPath): { key: Range | null; value: Range } | null {
  const { lines, entries } = locations(loaded);
  const hit = entries.get(id(path));
  if (!hit) return null;
  return { key: hit.key ? lines.range(hit.key[0], hit.key[1]) : null, value: lines.range(hit.value[0], hit.value[1]) };
}

/** Every located key path with its offsets (built once per manifest; for outline and hover). */
export function locations(loaded: LoadedManifest): ManifestLocations {
  let found = cache.get(loaded);
  if (!found) {
    const lines = new LineIndex(loaded.text);
    const entries = new Map<string, Located>();
    try {
      if (loaded.format === 'toml') indexToml(loaded.text, entries);
      else indexYaml(loaded.text, entries);
    } catch {
      // A text the locating parser rejects (smol-toml accepted it, or it is mid-edit): ranges fall back to line 1.
    }
    found = { lines, entries };
    cache.set(loaded, found);
  }
  return found;
}

function put(entries: Map<string, Located>, path: KeyPath, loc: Located, replace = true): void {
  const k = id(path);
  if (replace || !entries.has(k)) entries.set(k, loc);
}

// Loaded on first use: only manifests with issues need positions.
let tomlParser: typeof import('toml-eslint-parser') | undefined;

function indexToml(text: string, entries: Map<string, Located>): void {
  const program = (tomlParser ??= require('toml-eslint-parser') as typeof import('toml-eslint-parser')).parseTOML(text);
  for (const node of program.body[0].body) {
    if (node.type === 'TOMLKeyValue') {
      indexKeyValue(node, [], entries);
      continue;
    }
    // `[a.b]` / `[[a.b]]`: resolvedKey interleaves array indices: ['templates', 2, 'source'].
    const closer = node.kind === 'array' ? ']]' : ']';
    const headerEnd = text.indexOf(closer, node.key.range[1]);
    const header: [number, number] = [node.range[0], headerEnd < 0 ? node.key.range[1] : headerEnd + closer.length];
    const rk = node.resolvedKey;
    let seg = 0;
    for (let i = 0; i < rk.length; i++) {
      const isLast = i === rk.length - 1;
      if (typeof rk[i] === 'number') {
        // An array-table element: its "key" is the header that opens it.
        put(entries, rk.slice(0, i + 1), { key: header, value: header }, isLast);
        continue;
      }
      const keyNode = node.key.keys[seg++];
      const keySpan: [number, number] = keyNode ? [keyNode.range[0], keyNode.range[1]] : header;
      put(entries, rk.slice(0, i + 1), { key: keySpan, value: header }, isLast && node.kind === 'standard');
    }
    for (const kv of node.body) indexKeyValue(kv, rk, entries);
  }
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

function indexKeyValue(kv: AST.TOMLKeyValue, prefix: KeyPath, entries: Map<string, Located>): void {
  const path = [...prefix];
  kv.key.keys.forEach((k, i) => {
    path.push(keyName(k));
    const last = i === kv.key.keys.length - 1;
    const span: [number, number] = last ? [kv.value.range[0], kv.value.range[1]] : [kv.range[0], kv.range[1]];
    put(entries, path, { key: [k.range[0], k.range[1]], value: span }, last);
  });
  indexTomlValue(kv.value, path, entries);
}

function indexTomlValue(v: AST.TOMLContentNode, path: KeyPath, entries: Map<string, Located>): void {
  if (v.type === 'TOMLArray') {
    v.elements.forEach((el, i) => {
      put(entries, [...path, i], { key: null, value: [el.range[0], el.range[1]] });
      indexTomlValue(el, [...path, i], entries);
    });
  } else if (v.type === 'TOMLInlineTable') {
    for (const kv of v.body) indexKeyValue(kv, path, entries);
  }
}

function indexYaml(text: string, entries: Map<string, Located>): void {
  // Loaded here, not at the top: TOML manifests (the common case) never pay for the yaml library.
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false });
  const lines = new LineIndex(text);
  const walk = (node: unknown, path: KeyPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (!isScalar(key) || !key.range) continue;
        const value = pair.value as YamlNode | null;
        const keySpan: [number, number] = [key.range[0], key.range[1]];
        const valueSpan: [number, number] = value?.range ? [value.range[0], value.range[1]] : keySpan;
        const p = [...path, String(key.value)];
        put(entries, p, { key: keySpan, value: valueSpan });
        walk(value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const r = (item as YamlNode | null)?.range;
        if (!r) return;
        // A block element's "key" is its first line, so a missing field marks `- alias: …`, not the whole block.
        const p = [...path, i];
        put(entries, p, { key: [r[0], Math.min(r[1], lines.lineEnd(r[0]))], value: [r[0], r[1]] });
        walk(item, p);
      });
    }
  };
  const root = doc.contents as YamlNode | null;
  walk(root, []);
}
