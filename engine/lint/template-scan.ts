/**
 * What the templates of a pack refer to: every variable name a Mustache tag, a templated file path,
 * front matter (`to`, `when`, `foreach`), `[templates.variables]`, a condition or a query parameter
 * uses, and every `queries.<name>` section. Row fields (inside `{{#queries.x}}` or a `foreach: x`
 * file), the engine lambdas and `_index/_first/_last` are resolved here so rules only see names
 * that must be declared variables. Also lists each template's files and their output paths.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Mustache from 'mustache';
import picomatch from 'picomatch';
import type { Range } from '../../protocol';
import { splitFrontMatter } from '../render/front-matter';
import { LineIndex } from '../manifest/line-index';
import type { Manifest, TemplateDef, VariableType } from '../manifest/model';
import { LIMITS } from '../render/limits';
import { insidePack } from './paths';

/** Engine-provided Mustache lambdas (SPEC §10): never declared variables. */
export const LAMBDAS = new Set(['pascal_case', 'camel_case', 'snake_case', 'kebab_case', 'upper', 'lower']);
/** Row and list-item helpers. */
export const ROW_META = new Set(['_index', '_first', '_last']);

/** Where a reference is: a file and a range, or a manifest key path (located lazily by the caller). */
export type RefSite = { file: string; range: Range } | { path: (string | number)[] };

export interface VarRef {
  name: string;
  site: RefSite;
  templateIndex: number | null;
}

export interface QueryRef {
  query: string;
  site: RefSite;
}

export interface TemplateFile {
  templateIndex: number;
  abs: string;
  size: number;
  /** Output path template relative to the output root (after output_path / `to:`); null = skipped. */
  output: string | null;
  /** The front matter `to:` as written (before the output_path prefix), if any. */
  to?: string;
  /** Where the output path is decided: the front matter `to:` line, or the manifest's source entry. */
  outputSite: RefSite;
}

export interface TemplateProblem {
  site: RefSite;
  message: string;
}

export interface TemplateScan {
  files: TemplateFile[];
  varRefs: VarRef[];
  queryRefs: QueryRef[];
  problems: TemplateProblem[];
  /** False when some template could not be read (remote, marketplace, missing): "unused" is then unknowable. */
  complete: boolean;
}

export type Token = [string, string, number, number, Token[]?, number?];
interface Scope {
  fields: Set<string>;
  /** Inside a section over a list/object variable or a `SELECT *` query: any name may be an item field. */
  opaque: boolean;
}

const writer = new Mustache.Writer();
// A private writer without a template cache: the language server re-lints every edit.
(writer as unknown as { templateCache: undefined }).templateCache = undefined;

/** Scan every template of the manifest. `queryFields(name)` gives a query's row fields (null = unknown/any). */
export function scanTemplates(
  manifest: Manifest,
  packDir: string,
  manifestFile: string,
  queryFields: (name: string) => string[] | null | undefined,
  /** Reads a template file's text (the lint context passes its memo, so a file is read once per run). */
  readText: (abs: string) => string = (abs) => readFileSync(abs, 'utf8'),
  /** Lists a folder (a generation passes its run's listing, shared with rendering). */
  readdir: (abs: string) => string[] = readdirSync,
  /** Parses a Mustache text (LintOptions.sharedTemplateCache picks Mustache's cached parse). */
  parse: (text: string) => Token[] = (text) => writer.parse(text) as Token[],
): TemplateScan {
  const out: TemplateScan = { files: [], varRefs: [], queryRefs: [], problems: [], complete: true };
  let scannedBytes = 0;
  const types = new Map<string, VariableType>(manifest.variables.map((v) => [v.name, v.type]));
  const excluded = manifest.excludes.length ? picomatch(manifest.excludes, { dot: true }) : () => false;
  const rowScope = (q: string | undefined): Scope => {
    const f = q === undefined ? [] : queryFields(q);
    // Unknown query (reported by unknown-query) or SELECT *: its row fields are unknown, so any name may be one.
    return { fields: new Set(f ?? []), opaque: q !== undefined && (f === null || f === undefined) };
  };

  const scanText = (
    text: string,
    site: RefSite,
    t: number | null,
    scope: Scope,
    file?: { abs: string; lines: LineIndex; base: number },
  ) => {
    let tokens: Token[];
    try {
      tokens = parse(text);
    } catch (err) {
      const message = `Mustache: ${(err as Error).message.replace(/ at \d+$/, '')}`;
      // "Unclosed section "x" at <end>": point at the opening tag rather than the end of the text.
      const unclosed = /^Unclosed section "([^"]+)"/.exec((err as Error).message)?.[1];
      const open = unclosed
        ? text.search(new RegExp(`\\{\\{\\s*[#^]\\s*${unclosed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`))
        : -1;
      const at = open >= 0 ? open : Number(/ at (\d+)$/.exec((err as Error).message)?.[1] ?? 0);
      out.problems.push({ site: file ? { file: file.abs, range: file.lines.range(file.base + at, file.base + at + 1) } : site, message });
      return;
    }
    walk(tokens, scope, (start, end) => (file ? { file: file.abs, range: file.lines.range(file.base + start, file.base + end) } : site), t);
  };

  const walk = (tokens: Token[], scope: Scope, siteOf: (s: number, e: number) => RefSite, t: number | null): void => {
    for (const tok of tokens) {
      const [type, name, start, end, children] = tok;
      if (type !== 'name' && type !== '&' && type !== '#' && type !== '^') continue;
      if (name === '.') continue;
      const first = name.split('.')[0]!; // split always yields at least one part
      let child = scope;
      if (first === 'queries') {
        const q = name.split('.')[1];
        if (q) out.queryRefs.push({ query: q, site: siteOf(start, end) });
        if (type === '#') child = { fields: new Set([...scope.fields, ...rowScope(q).fields]), opaque: scope.opaque || rowScope(q).opaque };
      } else if (!LAMBDAS.has(first) && !ROW_META.has(first) && !scope.fields.has(first) && !scope.opaque) {
        out.varRefs.push({ name: first, site: siteOf(start, end), templateIndex: t });
        const ty = types.get(first);
        if (type === '#' && (ty === 'list' || ty === 'object')) child = { fields: scope.fields, opaque: true };
      }
      if (children) walk(children, child, siteOf, t);
    }
  };

  const refName = (name: string, site: RefSite, t: number | null, scope: Scope) => {
    if (!name || LAMBDAS.has(name) || ROW_META.has(name) || scope.fields.has(name) || scope.opaque) return;
    out.varRefs.push({ name, site, templateIndex: t });
  };

  manifest.templates.forEach((tpl) => {
    const t = tpl.index;
    const derived: Scope = { fields: new Set(Object.keys(tpl.variables)), opaque: false };
    const base = ['templates', t];
    if (tpl.outputPath) scanText(tpl.outputPath, { path: [...base, 'output_path'] }, t, derived);
    for (const [k, v] of Object.entries(tpl.variables))
      scanText(v, { path: [...base, 'variables', k] }, t, { fields: new Set(), opaque: false });
    tpl.conditions.forEach((c, i) => refName(c.variable, { path: [...base, 'conditions', i, 'variable'] }, t, derived));
    scanSource(tpl, derived);
  });

  manifest.queries.forEach((q) => {
    for (const [k, v] of Object.entries(q.parameters))
      scanText(v, { path: ['queries', q.index, 'parameters', k] }, null, { fields: new Set(), opaque: false });
    if (q.outputPath) scanText(q.outputPath, { path: ['queries', q.index, 'output_path'] }, null, { fields: new Set(), opaque: false });
  });
  manifest.hooks.forEach((h, i) => {
    if (h.type !== 'command') return;
    const stageIndex = manifest.hooks.slice(0, i).filter((x) => x.stage === h.stage).length;
    for (const [j, a] of [h.command, ...h.args].entries()) {
      scanText(a, { path: ['hooks', h.stage, stageIndex, j === 0 ? 'command' : 'args'] }, null, { fields: new Set(), opaque: false });
    }
  });
  return out;

  function scanSource(tpl: TemplateDef, derived: Scope): void {
    const t = tpl.index;
    const base = ['templates', t];
    const prefix = tpl.outputPath ? tpl.outputPath.replace(/\/+$/, '') + '/' : '';
    if (tpl.source.type === 'inline') {
      const src = tpl.source;
      scanText(src.content, { path: [...base, 'source', 'content'] }, t, derived);
      scanText(src.to, { path: [...base, 'source', 'to'] }, t, derived);
      out.files.push({
        templateIndex: t,
        abs: manifestFile,
        size: Buffer.byteLength(src.content),
        output: src.to ? prefix + src.to : null,
        outputSite: { path: [...base, 'source', 'to'] },
      });
      return;
    }
    if (tpl.source.type !== 'local') {
      out.complete = false;
      return;
    }
    const root = insidePack(packDir, tpl.source.path);
    if (!root || !existsSync(root)) {
      out.complete = false;
      return;
    }
    const pathSite = { path: [...base, 'source', 'path'] };
    const single = !lstatSync(root).isDirectory();
    for (const abs of single ? [root] : listFiles(root, packDir, excluded, readdir)) {
      const rel = single ? basename(abs) : relative(root, abs).split(/[\\/]/).join('/');
      const size = lstatSync(abs).size;
      const isMustache = rel.endsWith('.mustache');
      let output: string | null = prefix + (isMustache ? rel.slice(0, -'.mustache'.length) : rel);
      let scope = derived;
      let outputSite: RefSite = pathSite;
      let to: string | undefined;
      // The size limits first (SPEC §2, as generation applies them): a file over the template limit, or
      // past the pack limit, is never read (packs/limit-exceeded reports it; unused-variable stays silent).
      scannedBytes += size;
      const tooBig = size > LIMITS.templateFileBytes || scannedBytes > LIMITS.packBytes;
      if (tooBig) out.complete = false;
      if (isMustache && !tooBig) {
        const text = readText(abs);
        const lines = new LineIndex(text);
        const split = splitFrontMatter(text);
        const fm = split.frontMatter;
        to = fm?.to;
        if (split.error) {
          out.problems.push({
            site: { file: abs, range: lines.lineRange(split.error.line) },
            message: `Front matter: ${split.error.message}`,
          });
        }
        if (fm?.foreach) {
          const at = lineOf(text, lines, 'foreach');
          out.queryRefs.push({ query: fm.foreach, site: { file: abs, range: at } });
          const row = rowScope(fm.foreach);
          scope = { fields: new Set([...derived.fields, ...row.fields]), opaque: row.opaque };
        }
        if (fm?.to !== undefined) {
          output = fm.to === '' ? null : prefix + fm.to;
          outputSite = { file: abs, range: lineOf(text, lines, 'to') };
          scanText(fm.to, outputSite, t, scope);
        }
        if (fm?.when) refName(fm.when.replace(/^!/, '').trim(), { file: abs, range: lineOf(text, lines, 'when') }, t, scope);
        scanText(split.body, pathSite, t, scope, { abs, lines, base: text.length - split.body.length });
      }
      scanText(rel, pathSite, t, derived);
      out.files.push({ templateIndex: t, abs, size, output, outputSite, ...(to !== undefined && { to }) });
    }
  }
}

function lineOf(text: string, lines: LineIndex, key: string): Range {
  const m = new RegExp(`^${key}[ \\t]*:`, 'm').exec(text);
  return m ? lines.range(m.index, lines.lineEnd(m.index)) : lines.lineRange(1);
}

/** Files under `dir` (sorted, no symlinks followed), minus the pack's `excludes`. */
export function listFiles(
  dir: string,
  packDir: string,
  excluded: (p: string) => boolean,
  readdir: (abs: string) => string[] = readdirSync,
): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdir(d).sort()) {
      const abs = join(d, name);
      const rel = relative(packDir, abs).split(/[\\/]/).join('/');
      const st = lstatSync(abs);
      if (excluded(rel) || (st.isDirectory() && excluded(rel + '/'))) continue;
      if (st.isDirectory()) visit(abs);
      else if (st.isFile()) out.push(abs);
    }
  };
  visit(dir);
  return out;
}
