/**
 * RDF and SPARQL contracts of the engine: what a query yields (SPEC §10 rows), and the small
 * backend interface behind which the SPARQL engine (Comunica, loaded lazily) sits.
 */
import type { Quad, Store, Term } from 'n3';

/** A row value: literal lexical form or IRI (strings), xsd:boolean → boolean, numeric → number. */
export type RowValue = string | number | boolean;
export type Row = Record<string, RowValue>;

/** What a backend returns: terms, untouched. */
export type RawResult =
  | { kind: 'select'; variables: string[]; bindings: Map<string, Term>[] }
  | { kind: 'ask'; value: boolean }
  | { kind: 'quads'; quads: Quad[] };

/** A query result as the engine uses it (rows converted, blank nodes relabelled `_:b0`…). */
export type QueryResult =
  | { kind: 'select'; variables: string[]; rows: Row[]; terms: Map<string, Term>[] }
  | { kind: 'ask'; value: boolean }
  | { kind: 'quads'; quads: Quad[] };

/** A SPARQL engine over an in-memory N3.Store. */
export interface SparqlBackend {
  /** Run `query`; stop work when `signal` aborts. Throws on runtime errors. */
  query(query: string, store: Store, signal: AbortSignal): Promise<RawResult>;
}
