/**
 * Loading RDF files into one N3.Store, the union graph queries run over (SPEC §4): the pack's
 * `[rdf].files` plus the user's `--data` files. The format follows the extension (Turtle, N-Triples,
 * N-Quads, TriG, N3). Named graphs are merged into the default graph. Every file that fails to parse
 * is reported (file:line:col) at once; a file that cannot be read at all is a NotFound/PermissionError.
 */
import { DataFactory, Parser, Store, type Quad } from 'n3';
import type { Issue } from '../../protocol';
import { ValidationError } from '../errors';
import { readInputText } from '../fs/read-input';
import { RDF_HINT, rdfFormatOf } from './formats';

export { rdfFormatOf };

export interface GraphFile {
  /** Absolute path to read. */
  path: string;
  /** How issues name it (pack-relative or as the user typed it). */
  shown: string;
  /** The file's text when the caller has read it already (one read per file per run). */
  text?: string;
}

/** Parse every file into one store. Throws ValidationError listing each file that does not parse (file:line:col). */
export function loadGraph(files: GraphFile[]): Store {
  const store = new Store();
  const issues: Issue[] = [];
  for (const f of files) {
    const format = rdfFormatOf(f.path);
    if (!format) {
      issues.push(issueAt(f.path, `${f.shown} is not an RDF file (use .ttl, .nt, .nq, .trig or .n3)`, null));
      continue;
    }
    // Missing, a directory, a loop, unreadable: a NotFound/PermissionError naming the file (not ENOENT, exit 1).
    const text = f.text ?? readInputText({ path: f.path, shown: f.shown, what: 'RDF file', hint: RDF_HINT });
    const issue = parseInto(text, format, f, (q) =>
      store.addQuad(q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object)),
    );
    if (issue) issues.push(issue);
  }
  const [first] = issues;
  if (first) {
    throw new ValidationError(issues.length === 1 ? first.message : `${issues.length} RDF files could not be read`, {
      issues,
      hint: 'Fix the RDF syntax at the reported line (nothing was written).',
    });
  }
  return store;
}

/**
 * The syntax error of one RDF text, positioned (file:line:col), or null when it parses. `file` is the
 * absolute path issues point at; lint uses this on the pack's `[rdf].files`.
 */
export function rdfSyntaxIssue(text: string, file: GraphFile): Issue | null {
  const format = rdfFormatOf(file.path);
  if (!format) return issueAt(file.path, `${file.shown} is not an RDF file (use .ttl, .nt, .nq, .trig or .n3)`, null);
  return parseInto(text, format, file, () => {});
}

function parseInto(text: string, format: string, f: GraphFile, add: (q: Quad) => void): Issue | null {
  try {
    // Without a callback n3 parses synchronously (with one it would finish in a later microtask).
    for (const q of new Parser({ format, baseIRI: undefined }).parse(text)) add(q);
    return null;
  } catch (err) {
    const e = err as Error & { context?: N3Context };
    const at = errorPosition(text, e);
    const message = e.message.replace(/ on line \d+\.$/, '');
    return issueAt(f.path, `RDF syntax error in ${f.shown}${at ? `:${at.line}:${at.column}` : ''}: ${message}`, at);
  }
}

interface N3Token {
  line: number;
  start?: number;
  end?: number;
  type?: string;
}
interface N3Context {
  token?: N3Token;
  line?: number;
  previousToken?: N3Token;
}

/** Line and 1-based column of an n3 parse error: its token; else the unexpected text on the line; else the line. */
function errorPosition(text: string, e: Error & { context?: N3Context }): { line: number; column: number; width: number } | null {
  const ctx = e.context;
  const line = ctx?.line ?? Number(/on line (\d+)/.exec(e.message)?.[1] ?? 0);
  if (!line) return null;
  const tok = ctx?.token;
  const prev = ctx?.previousToken;
  if (tok && tok.type !== 'eof' && tok.start !== undefined) {
    return { line: tok.line, column: tok.start + 1, width: Math.max(1, (tok.end ?? tok.start + 1) - tok.start) };
  }
  if (tok?.type === 'eof' && prev?.end !== undefined) return { line: prev.line, column: prev.end + 1, width: 1 };
  // A lexer error ("Unexpected "x" on line 3."): find x on that line, after the last good token.
  const lineText = nthLine(text, line);
  const unexpected = /^Unexpected "(.*)" on line \d+\.$/s.exec(e.message)?.[1];
  const from = prev && prev.line === line && prev.end !== undefined ? prev.end : 0;
  const found = unexpected ? lineText.indexOf(unexpected, from) : -1;
  if (found >= 0) return { line, column: found + 1, width: Math.max(1, unexpected!.length) };
  const firstNonBlank = lineText.search(/\S/);
  return { line, column: firstNonBlank >= 0 ? firstNonBlank + 1 : 1, width: 1 };
}

function nthLine(text: string, line: number): string {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function issueAt(file: string, message: string, at: { line: number; column: number; width: number } | null): Issue {
  return {
    code: 'packs/rdf-syntax',
    severity: 'error',
    message,
    file,
    range: at ? { start: { line: at.line, column: at.column }, end: { line: at.line, column: at.column + at.width } } : null,
    category: 'queries',
  };
}
