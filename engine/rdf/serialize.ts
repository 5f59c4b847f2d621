/**
 * Query results written to `output_path` in `output_format` (SPEC §2): json, yaml, csv, xml (SPARQL
 * Query Results XML), turtle and ntriples (the last two only for CONSTRUCT/DESCRIBE).
 */
import { Writer, type Quad, type Term } from 'n3';
import { stringify as toYaml } from 'yaml';
import { GenerationError } from '../errors';
import type { OutputFormat } from '../manifest/model';
import { contextValue } from './rows';
import type { QueryResult } from './types';

/** Serialize `r`; `where` names the query in errors. */
export function serializeResult(r: QueryResult, format: OutputFormat, prefixes: Record<string, string>, where: string): string {
  const data = contextValue(r);
  switch (format) {
    case 'json':
      return JSON.stringify(data, null, 2) + '\n';
    case 'yaml':
      return toYaml(data);
    case 'csv':
      if (r.kind !== 'select') throw incompatible(where, format, r.kind);
      return toCsv(r.variables, r.rows);
    case 'xml':
      if (r.kind === 'quads') throw incompatible(where, format, r.kind);
      return toXml(r);
    case 'turtle':
    case 'ntriples':
      if (r.kind !== 'quads') throw incompatible(where, format, r.kind);
      return writeQuads(r.quads, format, prefixes);
    default:
      throw new GenerationError(`Query ${where}: unknown output_format "${String(format)}"`, {
        hint: 'Use json, yaml, csv, xml, turtle or ntriples.',
      });
  }
}

function incompatible(where: string, format: string, kind: string): GenerationError {
  const form = kind === 'select' ? 'SELECT' : kind === 'ask' ? 'ASK' : 'CONSTRUCT/DESCRIBE';
  return new GenerationError(`Query ${where}: output_format "${format}" cannot hold a ${form} result`, {
    hint: 'turtle/ntriples are for CONSTRUCT/DESCRIBE; csv is for SELECT; json, yaml and xml for SELECT and ASK.',
  });
}

function csvCell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** SPARQL 1.1 CSV results: header of variable names, CRLF line ends. */
function toCsv(variables: string[], rows: Record<string, unknown>[]): string {
  const lines = [variables.map(csvCell).join(',')];
  for (const row of rows) lines.push(variables.map((v) => csvCell(row[v] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlTerm(t: Term): string {
  if (t.termType === 'NamedNode') return `<uri>${esc(t.value)}</uri>`;
  if (t.termType === 'BlankNode') return `<bnode>${esc(t.value)}</bnode>`;
  if (t.termType === 'Literal') {
    if (t.language) return `<literal xml:lang="${esc(t.language)}">${esc(t.value)}</literal>`;
    const dt = t.datatype.value;
    const attr = dt && dt !== 'http://www.w3.org/2001/XMLSchema#string' ? ` datatype="${esc(dt)}"` : '';
    return `<literal${attr}>${esc(t.value)}</literal>`;
  }
  return `<literal>${esc(t.value)}</literal>`;
}

/** SPARQL Query Results XML Format. */
function toXml(r: Extract<QueryResult, { kind: 'select' | 'ask' }>): string {
  const out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', '  <head>'];
  if (r.kind === 'ask') {
    out.push('  </head>', `  <boolean>${r.value}</boolean>`);
  } else {
    for (const v of r.variables) out.push(`    <variable name="${esc(v)}"/>`);
    out.push('  </head>', '  <results>');
    for (const b of r.terms) {
      out.push('    <result>');
      for (const v of r.variables) {
        const t = b.get(v);
        if (t) out.push(`      <binding name="${esc(v)}">${xmlTerm(t)}</binding>`);
      }
      out.push('    </result>');
    }
    out.push('  </results>');
  }
  out.push('</sparql>');
  return out.join('\n') + '\n';
}

function writeQuads(quads: Quad[], format: 'turtle' | 'ntriples', prefixes: Record<string, string>): string {
  const writer = new Writer(format === 'turtle' ? { format: 'Turtle', prefixes } : { format: 'N-Triples' });
  let out = '';
  writer.addQuads(quads);
  writer.end((err: Error | null, result: string) => {
    if (err) throw err;
    out = result;
  });
  return out;
}
