/**
 * Loading RDF files into one N3.Store, the union graph queries run over (SPEC §4): the pack's
 * `[rdf].files` plus the user's `--data` files. The format follows the extension (Turtle, N-Triples,
 * N-Quads, TriG, N3). Named graphs are merged into the default graph. Every file that fails to parse
 * is reported (file:line) at once.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DataFactory, Parser, Store } from 'n3';
import type { Issue } from '../../protocol';
import { NotFoundError, ValidationError } from '../errors';

const FORMATS: Record<string, string> = {
  '.ttl': 'Turtle',
  '.turtle': 'Turtle',
  '.nt': 'N-Triples',
  '.ntriples': 'N-Triples',
  '.nq': 'N-Quads',
  '.nquads': 'N-Quads',
  '.trig': 'TriG',
  '.n3': 'N3',
};

/** The n3 format name for a file, or null if the extension is not an RDF format we read. */
export function rdfFormatOf(file: string): string | null {
  return FORMATS[extname(file).toLowerCase()] ?? null;
}

export interface GraphFile {
  /** Absolute path to read. */
  path: string;
  /** How issues name it (pack-relative or as the user typed it). */
  shown: string;
}

/** Parse every file into one store. Throws ValidationError listing each unreadable file. */
export function loadGraph(files: GraphFile[]): Store {
  const store = new Store();
  const issues: Issue[] = [];
  for (const f of files) {
    const format = rdfFormatOf(f.path);
    if (!format) {
      issues.push(issueAt(f.shown, `${f.shown} is not an RDF file (use .ttl, .nt, .nq, .trig or .n3)`, null));
      continue;
    }
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (err) {
      throw new NotFoundError(`Cannot read RDF file ${f.shown}: ${(err as Error).message}`, { cause: err });
    }
    try {
      for (const q of new Parser({ format, baseIRI: undefined }).parse(text)) {
        store.addQuad(q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object));
      }
    } catch (err) {
      const message = (err as Error).message;
      const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 0) || null;
      issues.push(issueAt(f.shown, `RDF syntax error in ${f.shown}${line ? `:${line}` : ''}: ${message}`, line));
    }
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

function issueAt(file: string, message: string, line: number | null): Issue {
  return {
    code: 'packs/rdf-syntax',
    severity: 'error',
    message,
    file,
    range: line ? { start: { line, column: 1 }, end: { line, column: 2 } } : null,
  };
}
