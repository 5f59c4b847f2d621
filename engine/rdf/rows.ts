/**
 * Backend results → what templates see (SPEC §10): keys without `?`, literal lexical forms and IRIs,
 * unbound OPTIONAL variables as "", xsd:boolean → boolean, numeric literals → numbers, blank nodes
 * relabelled `_:b0`, `_:b1`… in order of first appearance so output stays byte-identical.
 */
import { DataFactory, type Quad, type Term } from 'n3';
import type { QueryResult, RawResult, Row, RowValue } from './types';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const NUMERIC = new Set(
  [
    'integer',
    'decimal',
    'double',
    'float',
    'int',
    'long',
    'short',
    'byte',
    'nonNegativeInteger',
    'nonPositiveInteger',
    'positiveInteger',
    'negativeInteger',
    'unsignedLong',
    'unsignedInt',
    'unsignedShort',
    'unsignedByte',
  ].map((t) => XSD + t),
);

/** Relabels blank nodes b0, b1… in order of first appearance (one labeller per query result). */
export class BlankLabeller {
  private readonly map = new Map<string, string>();
  label(id: string): string {
    let l = this.map.get(id);
    if (l === undefined) {
      l = `b${this.map.size}`;
      this.map.set(id, l);
    }
    return l;
  }
  term<T extends Term>(t: T): T {
    return (t.termType === 'BlankNode' ? DataFactory.blankNode(this.label(t.value)) : t) as T;
  }
}

/** A term's row value. */
export function termValue(t: Term | undefined, blanks: BlankLabeller): RowValue {
  if (!t) return '';
  if (t.termType === 'BlankNode') return `_:${blanks.label(t.value)}`;
  if (t.termType === 'Literal') {
    const dt = t.datatype.value;
    if (dt === XSD + 'boolean') return t.value === 'true' || t.value === '1';
    if (NUMERIC.has(dt)) {
      const n = Number(t.value);
      return Number.isFinite(n) ? n : t.value;
    }
  }
  return t.value;
}

/** Convert a raw backend result. */
export function toQueryResult(raw: RawResult): QueryResult {
  const blanks = new BlankLabeller();
  if (raw.kind === 'ask') return raw;
  if (raw.kind === 'quads') {
    const quads = raw.quads.map((q: Quad) =>
      DataFactory.quad(blanks.term(q.subject), q.predicate, blanks.term(q.object), DataFactory.defaultGraph()),
    );
    return { kind: 'quads', quads };
  }
  // Rows and terms are labelled from the original blank-node ids, in row then projection order.
  const rows: Row[] = raw.bindings.map((b) => {
    const row: Row = {};
    for (const v of raw.variables) row[v] = termValue(b.get(v), blanks);
    return row;
  });
  const terms = raw.bindings.map((b) => new Map([...b].map(([k, v]) => [k, blanks.term(v)])));
  return { kind: 'select', variables: raw.variables, rows, terms };
}

/** What `queries.<name>` is in the render context. */
export function contextValue(r: QueryResult): unknown {
  if (r.kind === 'select') return r.rows;
  if (r.kind === 'ask') return r.value;
  return r.quads.map((q) => ({ subject: q.subject.value, predicate: q.predicate.value, object: q.object.value }));
}
