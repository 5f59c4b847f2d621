/**
 * The outline of a manifest (document symbols): metadata, each template by alias, each query, each
 * variable, dependencies, hooks by stage, examples — each with the range of its whole block and the
 * range of its name, from the locating parse (engine/manifest/locate).
 */
import type { Range } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import { type KeyPath, locateExact, locations } from '../manifest/locate';

export type SymbolKindName = 'module' | 'namespace' | 'class' | 'function' | 'variable' | 'package' | 'event' | 'object' | 'field';

export interface EditorSymbol {
  name: string;
  /** Undefined when the entry has nothing to show (a query without a description); the server leaves it out. */
  detail?: string | undefined;
  kind: SymbolKindName;
  range: Range;
  selectionRange: Range;
  children?: EditorSymbol[];
}

const HEADER = /^\[\[?\s*([^\]]+?)\s*\]\]?/;

/**
 * The range of the block written for `path`: for a TOML `[table]` / `[[array]]` header, from the
 * header to just before the next header that is not one of its sub-tables; otherwise the value.
 */
export function blockRange(loaded: LoadedManifest, path: KeyPath): Range | null {
  const hit = locations(loaded).entries.get(JSON.stringify(path));
  if (!hit) return null;
  const lines = locations(loaded).lines;
  const text = loaded.text;
  const [start, end] = hit.value;
  const head = HEADER.exec(text.slice(start, end));
  if (
    loaded.format !== 'toml' ||
    !head ||
    (start > 0 && text[start - 1] !== '\n' && text.slice(text.lastIndexOf('\n', start - 1) + 1, start).trim())
  ) {
    return lines.range(start, end);
  }
  const name = head[1]!.replace(/\s/g, ''); // group 1 is not optional: it is there whenever HEADER matched
  // The array itself (`templates`) spans all its `[[templates]]` elements; one element stops at the next.
  const wholeArray = typeof path[path.length - 1] === 'string';
  const re = /^[ \t]*\[\[?\s*([^\]]+?)\s*\]\]?/gm;
  re.lastIndex = end;
  let last = end;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const other = m[1]!.replace(/\s/g, ''); // group 1 is not optional
    if (!other.startsWith(name + '.') && !(wholeArray && other === name)) break;
    last = m.index + m[0].length;
  }
  // Extend to the end of the last line that still belongs to the block (before the next header).
  re.lastIndex = last;
  const next = re.exec(text);
  let stop = next ? next.index : text.length;
  // stop > last >= 0 and stop <= text.length, so text[stop - 1] exists.
  while (stop > last && /\s/.test(text[stop - 1]!)) stop--;
  return lines.range(start, Math.max(stop, end));
}

function sym(
  loaded: LoadedManifest,
  path: KeyPath,
  name: string,
  kind: SymbolKindName,
  detail?: string,
  namePath?: KeyPath,
): EditorSymbol | null {
  const range = blockRange(loaded, path);
  if (!range) return null;
  const sel = (namePath && locateExact(loaded, namePath)?.value) || locateExact(loaded, path)?.key || range;
  return { name: name || '(unnamed)', detail, kind, range, selectionRange: clampInside(sel, range) };
}

/** LSP requires the selection range inside the full range. */
function clampInside(sel: Range, range: Range): Range {
  const lt = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.column < b.column);
  if (lt(sel.start, range.start) || lt(range.end, sel.end)) return { start: range.start, end: range.start };
  return sel;
}

const nonNull = <T>(x: T | null): x is T => x !== null;

/** The outline of a parsed manifest (empty when it did not parse). */
export function manifestOutline(loaded: LoadedManifest): EditorSymbol[] {
  const m = loaded.manifest;
  if (!m) return [];
  const out: (EditorSymbol | null)[] = [];
  /** A top-level section (`templates`, `queries`, …) holding one symbol per element; none when it is empty. */
  const section = (key: string, children: (EditorSymbol | null)[]) => {
    if (!children.length) return;
    const s = sym(loaded, [key], key, 'namespace') ?? spanOf(children.filter(nonNull), key, 'namespace');
    if (s) s.children = children.filter(nonNull);
    out.push(s);
  };
  const md = sym(loaded, ['metadata'], 'metadata', 'module', `${m.metadata.name}@${m.metadata.version}`);
  out.push(md);
  section(
    'templates',
    m.templates.map((t) =>
      sym(loaded, ['templates', t.index], t.alias, 'class', t.source.type === 'local' ? t.source.path : t.source.type, [
        'templates',
        t.index,
        'alias',
      ]),
    ),
  );
  section(
    'queries',
    m.queries.map((q) => sym(loaded, ['queries', q.index], q.name, 'function', q.description, ['queries', q.index, 'name'])),
  );
  section(
    'variables',
    m.variables.map((v) => sym(loaded, ['variables', v.index], v.name, 'variable', v.type, ['variables', v.index, 'name'])),
  );
  section(
    'dependencies',
    m.dependencies.map((d) => sym(loaded, ['dependencies', d.name], d.name, 'package', d.version + (d.optional ? ' (optional)' : ''))),
  );
  section(
    'hooks',
    [...new Set(m.hooks.map((h) => h.stage))].map((stage) => {
      const s = sym(loaded, ['hooks', stage], stage, 'event');
      if (s)
        s.children = m.hooks
          .filter((h) => h.stage === stage)
          .map((h, i) => sym(loaded, ['hooks', stage, i], h.name, 'function', h.type === 'command' ? h.command : h.function))
          .filter(nonNull);
      return s;
    }),
  );
  section(
    'examples',
    m.examples.map((e, i) => sym(loaded, ['examples', i], e.name, 'object', e.description, ['examples', i, 'name'])),
  );
  if (m.rdf.files.length || Object.keys(m.rdf.prefixes).length)
    out.push(sym(loaded, ['rdf'], 'rdf', 'object', `${m.rdf.files.length} file(s)`));
  return out.filter(nonNull);
}

/** A group with no single source span (TOML `[[templates]]` blocks): from its first to its last child. */
function spanOf(children: EditorSymbol[], name: string, kind: SymbolKindName): EditorSymbol | null {
  const first = children[0];
  const last = children.at(-1);
  if (!first || !last) return null;
  const range = { start: first.range.start, end: last.range.end };
  return { name, kind, range, selectionRange: { start: range.start, end: range.start } };
}
