/**
 * Running one pack's `[[queries]]` (SPEC §2, §4, §10): load the union graph (pack `[rdf].files` plus
 * the user's data), bind parameters as typed literals, run each query under its time limit, convert
 * results to rows and write `output_path` files. With `skip` nothing runs and Comunica is never loaded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from 'n3';
import { engineConfig } from '../config';
import { GenerationError, PackError } from '../errors';
import type { QueryDef, VariableDef, VariableValue } from '../manifest/model';
import { buildContext } from '../render/context';
import { renderText } from '../render/mustache-render';
import { normalizeOutputPath } from '../render/output-path';
import type { RenderedFile, RenderPack } from '../render/render-template';
import { LIMITS } from '../render/limits';
import { getSparqlRuntime } from './backend';
import type { GraphFile } from './load-graph';
import type { QueryResult, SparqlBackend } from './types';

export interface QueryRunInput {
  pack: RenderPack;
  values: Record<string, VariableValue>;
  defs: Map<string, VariableDef>;
  /** The user's own RDF files (`--data`), added to the pack's graph. */
  data: GraphFile[];
  skip: boolean;
  /** Overrides every other limit (tests); otherwise see `queryTimeLimit`. */
  timeoutMs?: number;
}

export interface QueryRunOutput {
  results: Record<string, QueryResult>;
  /** `queries.<name>` for the render context. */
  context: Record<string, unknown>;
  /** Files from `output_path`. */
  files: RenderedFile[];
}

/** Run every query of the pack in declaration order. */
export async function runPackQueries(input: QueryRunInput): Promise<QueryRunOutput> {
  const { pack } = input;
  const out: QueryRunOutput = { results: {}, context: {}, files: [] };
  const queries = pack.manifest.queries;
  if (input.skip || queries.length === 0) {
    for (const q of queries) out.context[q.name] = [];
    return out;
  }
  const withText = queries.map((q) => ({ q, sparql: queryText(pack, q) }));
  const { rt, backend } = await getSparqlRuntime();
  const { bindParameters, parseQuery, typedLiteral, contextValue, toQueryResult, serializeResult } = rt;
  const graphFiles: GraphFile[] = pack.manifest.rdf.files.map((f) => ({ path: resolve(pack.dir, f), shown: `${pack.name}:${f}` }));
  const store = rt.loadGraph([...graphFiles, ...input.data]);
  const ctx = buildContext(input.values, {}, {});
  for (const { q, sparql } of withText) {
    const shown = `${pack.name}:${q.source.type === 'file' ? q.source.path : `queries.${q.name}`}`;
    const bindings = Object.fromEntries(
      Object.entries(q.parameters).map(([name, tpl]) => {
        const value = renderText(tpl, ctx, false, { file: `${shown} parameters.${name}` });
        const from = /^\s*\{\{\{?\s*([\w.]+)\s*\}?\}\}\s*$/.exec(tpl)?.[1];
        return [name, typedLiteral(value, from ? input.defs.get(from)?.type : undefined)];
      }),
    );
    const text = Object.keys(bindings).length ? bindParameters(sparql, bindings, shown) : (parseQuery(sparql, shown), sparql);
    const result = toQueryResult(await runWithTimeout(backend, text, store, q, pack.name, input.timeoutMs ?? queryTimeLimit(q)));
    out.results[q.name] = result;
    out.context[q.name] = contextValue(result);
    if (q.outputPath) {
      const path = normalizeOutputPath(
        '',
        renderText(q.outputPath, ctx, false, { file: `${shown} output_path` }),
        shown,
        /^\s*[\\/]/.test(q.outputPath),
      );
      const format = q.outputFormat ?? formatFromPath(path);
      out.files.push({
        path,
        content: Buffer.from(serializeResult(result, format, pack.manifest.rdf.prefixes, `"${q.name}" of ${pack.name}`), 'utf8'),
        mode: 0o644,
        pack: pack.name,
        template: `query:${q.name}`,
        skipIfExists: false,
        source: shown,
      });
    }
  }
  return out;
}

/**
 * A query's time limit in ms, null for none: the larger of the query's own `timeout` (seconds) and the
 * configured limit (`GGEN_QUERY_TIMEOUT_MS`, default SPEC §2's 2 s; 0 = no limit), so neither a pack
 * author who knows a query is heavy nor a user who knows their machine is slow can be overruled.
 */
export function queryTimeLimit(q: QueryDef, configured: number | null = engineConfig().queryTimeoutMs): number | null {
  if (configured === 0) return null;
  return Math.max(configured ?? LIMITS.queryTimeoutMs, (q.timeout ?? 0) * 1000);
}

function formatFromPath(path: string) {
  const ext = path.split('.').pop()?.toLowerCase();
  const map = { yaml: 'yaml', yml: 'yaml', csv: 'csv', xml: 'xml', srx: 'xml', ttl: 'turtle', nt: 'ntriples' } as const;
  return (map as Record<string, (typeof map)[keyof typeof map]>)[ext ?? ''] ?? 'json';
}

function queryText(pack: RenderPack, q: QueryDef): string {
  if (q.source.type === 'inline') return q.source.query;
  if (q.source.type === 'file') {
    try {
      return readFileSync(resolve(pack.dir, q.source.path), 'utf8');
    } catch (err) {
      throw new GenerationError(`Query "${q.name}" of ${pack.name}: cannot read ${q.source.path}`, {
        hint: 'Fix [[queries]].source.path in the manifest.',
        cause: err,
      });
    }
  }
  throw new GenerationError(`Query "${q.name}" of ${pack.name} has a remote source, which generation does not fetch yet`, {
    hint: 'Copy the query into the pack and use source = { type = "file", path = "…" }.',
  });
}

async function runWithTimeout(backend: SparqlBackend, text: string, store: Store, q: QueryDef, packName: string, timeoutMs: number | null) {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (timeoutMs === null) return;
    timer = setTimeout(() => {
      ac.abort();
      reject(
        new GenerationError(
          `Query "${q.name}" of ${packName} ran longer than ${timeoutMs / 1000} s (the per-query limit) and was cancelled`,
          {
            hint: `Narrow the query (add patterns or LIMIT) or reduce the data it runs over; if it is just heavy, raise the limit with \`timeout = <seconds>\` on the query or GGEN_QUERY_TIMEOUT_MS.`,
          },
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([backend.query(text, store, ac.signal), timeout]);
  } catch (err) {
    if (err instanceof PackError) throw err;
    throw new GenerationError(`Query "${q.name}" of ${packName} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
