/**
 * Query parameters (SPEC §2, §10): each value is bound as a typed literal through a VALUES clause
 * added to the parsed query, then the query is regenerated — the value never becomes query text, so
 * `" } . DROP` stays a literal.
 */
import { DataFactory, type Literal } from 'n3';
import { Generator, Parser, type SparqlQuery, type ValuePatternRow } from 'sparqljs';
import { firstLine, ValidationError } from '../errors';
import type { VariableType } from '../manifest/model';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** A literal for `value` typed by the variable type it was rendered from. */
export function typedLiteral(value: string, type: VariableType | undefined): Literal {
  if (type === 'integer' && /^[+-]?\d+$/.test(value.trim()))
    return DataFactory.literal(value.trim(), DataFactory.namedNode(`${XSD}integer`));
  if (type === 'boolean' && /^(true|false)$/.test(value.trim()))
    return DataFactory.literal(value.trim(), DataFactory.namedNode(`${XSD}boolean`));
  return DataFactory.literal(value);
}

/** Parse a query; a syntax error is a ValidationError whose issue carries the line. */
export function parseQuery(text: string, shown: string): SparqlQuery {
  try {
    return new Parser().parse(text);
  } catch (err) {
    const message = firstLine((err as Error).message);
    const line = Number(/line (\d+)/.exec(message)?.[1] ?? 0) || null;
    throw new ValidationError(`SPARQL syntax error in ${shown}${line ? `:${line}` : ''}: ${message}`, {
      issues: [
        {
          code: 'packs/query-syntax',
          severity: 'error',
          message: `SPARQL syntax error: ${message}`,
          file: shown,
          range: line ? { start: { line, column: 1 }, end: { line, column: 2 } } : null,
        },
      ],
      cause: err,
    });
  }
}

/** The query text with `bindings` (names without `?`) bound by a leading VALUES clause. */
export function bindParameters(text: string, bindings: Record<string, Literal>, shown: string): string {
  const names = Object.keys(bindings);
  if (names.length === 0) return text;
  const parsed = parseQuery(text, shown);
  if (parsed.type !== 'query') throw new ValidationError(`${shown} is a SPARQL update; packs may only run queries`);
  const row: ValuePatternRow = {};
  for (const n of names) row[`?${n.replace(/^[?$]/, '')}`] = bindings[n];
  parsed.where = [{ type: 'values', values: [row] }, ...(parsed.where ?? [])];
  return new Generator().stringify(parsed);
}
