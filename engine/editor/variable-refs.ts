/**
 * Every place a pack variable's name is written — its `[[variables]]` declaration, Mustache tags in
 * template files and inline templates, front matter (`when`, `to`), conditions, query parameters,
 * hook arguments, example values — as exact ranges, for rename. References come from the lint
 * engine's template scan, so the editor renames exactly what lint counts as a use.
 */
import type { Range } from '../../protocol';
import { scanQuery } from '../lint/query-scan';
import { scanTemplates } from '../lint/template-scan';
import { LineIndex } from '../manifest/line-index';
import type { LoadedManifest } from '../manifest/load';
import { locateExact } from '../manifest/locate';
import { mustacheTags, tagVariable } from './mustache-tags';

export interface NameSite {
  /** Absolute file. */
  file: string;
  range: Range;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Occurrences of `name` as a whole identifier inside `range` of `text`. */
function occurrencesIn(text: string, lines: LineIndex, range: Range, name: string): Range[] {
  const start = lines.offset(range.start);
  const slice = text.slice(start, lines.offset(range.end));
  const re = new RegExp(`(?<![\\w-])${escapeRe(name)}(?![\\w])`, 'g');
  return [...slice.matchAll(re)].map((m) => lines.range(start + m.index, start + m.index + name.length));
}

/** Every site of variable `name` in the pack (declaration first). `readText` reads a file (open buffer or disk). */
export function variableSites(
  loaded: LoadedManifest,
  packDir: string,
  name: string,
  readText: (file: string) => string | null,
): NameSite[] {
  const m = loaded.manifest;
  if (!m) return [];
  const decl = m.variables.find((v) => v.name === name);
  const manifestLines = new LineIndex(loaded.text);
  const sites: NameSite[] = [];
  const seen = new Set<string>();
  const add = (file: string, r: Range) => {
    const k = `${file}:${r.start.line}:${r.start.column}`;
    if (!seen.has(k)) {
      seen.add(k);
      sites.push({ file, range: r });
    }
  };
  if (decl) {
    const at = locateExact(loaded, ['variables', decl.index, 'name']);
    if (at) for (const r of occurrencesIn(loaded.text, manifestLines, at.value, name)) add(loaded.file, r);
  }
  const queries = new Map(m.queries.map((q) => [q.name, q]));
  const fields = new Map<string, string[] | null>();
  const scan = scanTemplates(m, packDir, loaded.file, (q) => {
    if (!fields.has(q)) {
      const def = queries.get(q);
      fields.set(q, def ? scanQuery(def, loaded, packDir).fields : null);
    }
    return fields.get(q);
  });
  const fileLines = new Map<string, { text: string; lines: LineIndex } | null>();
  for (const ref of scan.varRefs) {
    if (ref.name !== name) continue;
    if ('path' in ref.site) {
      const at = locateExact(loaded, ref.site.path);
      if (at) for (const r of occurrencesIn(loaded.text, manifestLines, at.value, name)) add(loaded.file, r);
      continue;
    }
    const file = ref.site.file;
    if (!fileLines.has(file)) {
      const text = readText(file);
      fileLines.set(file, text === null ? null : { text, lines: new LineIndex(text) });
    }
    const f = fileLines.get(file);
    if (f) for (const r of occurrencesIn(f.text, f.lines, ref.site.range, name)) add(file, r);
  }
  // Section closers (`{{/name}}`) are not references of their own in the scan; they follow their opener.
  for (const [file, f] of fileLines) {
    if (!f || !sites.some((x) => x.file === file)) continue;
    for (const t of mustacheTags(f.text)) {
      if (t.sigil === '/' && tagVariable(t) === name) add(file, f.lines.range(t.nameStart, t.nameStart + name.length));
    }
  }
  m.examples.forEach((e, i) => {
    if (!(name in e.variables)) return;
    const at = locateExact(loaded, ['examples', i, 'variables', name]);
    if (at?.key) for (const r of occurrencesIn(loaded.text, manifestLines, at.key, name)) add(loaded.file, r);
  });
  return sites;
}
