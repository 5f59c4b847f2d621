/**
 * The SPARQL runtime, bundled separately as dist/sparql.js and imported only by backend.ts when a
 * query runs: the Comunica implementation of SparqlBackend (@comunica/query-sparql-rdfjs over an
 * N3.Store), plus everything else that needs n3 (graph loading, parameter binding, result
 * conversion, serialization), so the CLI bundle carries none of it.
 */
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import type { Quad, Store, Term } from 'n3';
import type { RawResult, SparqlBackend } from './types';

export { loadGraph } from './load-graph';
export { bindParameters, parseQuery, typedLiteral } from './bind-parameters';
export { contextValue, toQueryResult } from './rows';
export { serializeResult } from './serialize';

let engine: QueryEngine | null = null;

type Closable = { destroy?: (e?: Error) => void; close?: () => void };

async function drain<T>(stream: AsyncIterable<T> & Closable, signal: AbortSignal): Promise<T[]> {
  const stop = () => (stream.destroy ? stream.destroy() : stream.close?.());
  signal.addEventListener('abort', stop, { once: true });
  try {
    const out: T[] = [];
    for await (const item of stream) {
      if (signal.aborted) break;
      out.push(item);
    }
    return out;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/**
 * The implicit timezone of dateTimes written without one (XPath leaves it to the implementation):
 * UTC, so comparing and ordering them never depends on the machine's TZ (Comunica's default is the
 * query's local offset, with the sign inverted). dist/sparql.js also does the date arithmetic itself in
 * UTC (scripts/sparql-patches.mjs).
 */
const QUERY_CONTEXT = { '@comunica/utils-expression-evaluator:defaultTimeZone': { zoneHours: 0, zoneMinutes: 0 } };

/** One engine per process. */
export function createComunicaBackend(): SparqlBackend {
  engine ??= new QueryEngine();
  const e = engine;
  return {
    async query(query: string, store: Store, signal: AbortSignal): Promise<RawResult> {
      const result = await e.query(query, { ...QUERY_CONTEXT, sources: [store] });
      if (result.resultType === 'boolean') return { kind: 'ask', value: await result.execute() };
      if (result.resultType === 'quads') {
        const quads = await drain((await result.execute()) as unknown as AsyncIterable<Quad> & Closable, signal);
        return { kind: 'quads', quads };
      }
      if (result.resultType === 'bindings') {
        const meta = await result.metadata();
        // Comunica 5 reports { variable, canBeUndef }; its typings still say Variable.
        const variables = (meta.variables as unknown as { variable?: { value: string }; value?: string }[]).map(
          (v) => v.variable?.value ?? v.value ?? '',
        );
        const stream = (await result.execute()) as unknown as AsyncIterable<Iterable<[{ value: string }, Term]>> & Closable;
        const rows = await drain(stream, signal);
        return { kind: 'select', variables, bindings: rows.map((b) => new Map([...b].map(([k, v]) => [k.value, v]))) };
      }
      throw new Error('update queries are not allowed in packs');
    },
  };
}
