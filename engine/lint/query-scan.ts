/**
 * Reading and parsing the pack's SPARQL queries (sparqljs) for lint: the query form (for the
 * output-format rule), the projected variables (row fields templates may use inside
 * `{{#queries.x}}` or under `foreach: x`), and syntax errors mapped to a line/column in the query
 * file, or inside the inline string in the manifest.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Position, Range } from '../../protocol';
import { firstLine } from '../errors';
import type { QueryDef } from '../manifest/model';
import { LineIndex } from '../manifest/line-index';
import { locateExact } from '../manifest/locate';
import type { LoadedManifest } from '../manifest/load';
import { insidePack } from './paths';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface QueryInfo {
  def: QueryDef;
  /** File holding the query text: the .rq file, or the manifest for inline queries. */
  file: string;
  text: string | null;
  form?: QueryForm;
  /** Projected variable names of a SELECT (no `?`); null when unknown (`SELECT *`, not parsed, not a SELECT). */
  fields: string[] | null;
  error?: { message: string; range: Range };
}

// sparqljs builds its parser tables when loaded: load it only when a query is actually parsed,
// so verbs that never lint queries (list, search, check) do not pay for it.
let sparqljs: typeof import('sparqljs') | undefined;
const sparql = () => (sparqljs ??= require('sparqljs') as typeof import('sparqljs'));

type Mapper = (line: number, column0: number) => Position;

/** Parse one query definition's text (null `text` when the file is missing or remote). */
export function scanQuery(
  def: QueryDef,
  loaded: LoadedManifest,
  packDir: string,
  readText: (abs: string) => string = (abs) => readFileSync(abs, 'utf8'),
): QueryInfo {
  if (def.source.type === 'remote') return { def, file: loaded.file, text: null, fields: null };
  if (def.source.type === 'file') {
    const abs = insidePack(packDir, def.source.path);
    if (!abs || !existsSync(abs) || !statSync(abs).isFile()) return { def, file: loaded.file, text: null, fields: null };
    const text = readText(abs);
    return parseQuery(def, abs, text, (line, col) => ({ line, column: col + 1 }));
  }
  const text = def.source.query;
  const where = locateExact(loaded, ['queries', def.index, 'source', 'query']);
  const lines = new LineIndex(loaded.text);
  return parseQuery(def, loaded.file, text, inlineMapper(loaded.text, lines, where?.value.start ?? null));
}

/** Where line/column inside an inline string land in the manifest (escapes are not unfolded). */
function inlineMapper(text: string, lines: LineIndex, start: Position | null): Mapper {
  if (!start) return () => ({ line: 1, column: 1 });
  let offset = lines.offset(start);
  const head = text.slice(offset, offset + 3);
  if (head === '"""' || head === "'''") {
    offset += 3;
    if (text[offset] === '\r') offset++;
    if (text[offset] === '\n') offset++;
  } else if (head[0] === '|' || head[0] === '>') {
    // A YAML block scalar: the content starts on the next line, indented.
    offset = text.indexOf('\n', offset) + 1;
    offset += /^[ \t]*/.exec(text.slice(offset))![0].length;
  } else if (head[0] === '"' || head[0] === "'") offset += 1;
  const origin = lines.position(offset);
  return (line, col) =>
    line <= 1 ? { line: origin.line, column: origin.column + col } : { line: origin.line + line - 1, column: col + 1 };
}

function parseQuery(def: QueryDef, file: string, text: string, map: Mapper): QueryInfo {
  try {
    const parsed = new (sparql().Parser)().parse(text);
    if (parsed.type !== 'query') {
      return {
        def,
        file,
        text,
        fields: null,
        error: { message: 'expected a query, found an update (INSERT/DELETE)', range: point(map(1, 0)) },
      };
    }
    const form: QueryForm = parsed.queryType;
    let fields: string[] | null = null;
    if (parsed.queryType === 'SELECT') {
      fields = [];
      for (const v of parsed.variables as unknown[]) {
        const o = v as { termType?: string; value?: string; variable?: { value: string } };
        if (o.variable) fields.push(o.variable.value);
        else if (o.termType === 'Variable' && o.value) fields.push(o.value);
        else {
          fields = null; // SELECT *: every in-scope variable; unknown without evaluating
          break;
        }
      }
    }
    return { def, file, text, form, fields };
  } catch (err) {
    return { def, file, text, fields: null, error: describeError(err as Error, text, map) };
  }
}

function point(p: Position): Range {
  return { start: p, end: { line: p.line, column: p.column + 1 } };
}

function describeError(err: Error, text: string, map: Mapper): { message: string; range: Range } {
  const hash = (
    err as Error & {
      hash?: {
        token?: string;
        text?: string;
        loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
        expected?: string[];
      };
    }
  ).hash;
  if (hash?.loc) {
    // Jison's loc is the last token it accepted; the offending token is the next occurrence of its text.
    const q = new LineIndex(text);
    const after = q.offset({ line: hash.loc.last_line, column: hash.loc.last_column + 1 });
    const tokenText = hash.token === 'EOF' ? '' : (hash.text ?? '');
    const found = tokenText ? text.indexOf(tokenText, after) : -1;
    const at = found >= 0 ? q.position(found) : { line: hash.loc.first_line, column: hash.loc.first_column + 1 };
    const start = map(at.line, at.column - 1);
    const end = map(at.line, at.column - 1 + Math.max(1, found >= 0 ? tokenText.length : 1));
    const expected = (hash.expected ?? [])
      .slice(0, 6)
      .map((e) => e.replace(/'/g, ''))
      .join(', ');
    const got = hash.token === 'EOF' ? 'the end of the query' : `'${hash.text ?? hash.token}'`;
    return {
      message: `SPARQL syntax error: unexpected ${got}${expected ? `; expected one of ${expected}${(hash.expected?.length ?? 0) > 6 ? ', …' : ''}` : ''}`,
      range: { start, end },
    };
  }
  const msg = firstLine(err.message);
  // Errors without a location ("Unknown prefix: ex"): point at the first mention in the text.
  const prefix = /Unknown prefix: (\S+)/.exec(msg);
  const needle = prefix ? `${prefix[1]}:` : null;
  const at = needle ? text.indexOf(needle) : -1;
  if (at >= 0) {
    const before = text.slice(0, at);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const col = at - (before.lastIndexOf('\n') + 1);
    return {
      message: `SPARQL error: ${msg}; add a PREFIX line (query files stay standalone SPARQL)`,
      range: { start: map(line, col), end: map(line, col + needle!.length) },
    };
  }
  return { message: `SPARQL error: ${msg}`, range: point(map(1, 0)) };
}
