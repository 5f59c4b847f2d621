/**
 * Running one pack's `[[queries]]` (SPEC §2, §4, §10): load the union graph (pack `[rdf].files` plus
 * the user's data), bind parameters as typed literals, run each query under its time limit, convert
 * results to rows and write `output_path` files. With `skip` nothing runs and Comunica is never loaded.
 * Answers are cached (query-cache.ts): when every query of the pack is answered from the cache, the
 * SPARQL runtime is not loaded and the graph is not parsed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from 'n3';
import { engineConfig } from '../config';
import { GenerationError, PackError } from '../errors';
import { readInputBytes } from '../fs/read-input';
import type { ReadFile } from '../fs/read-once';
import type { QueryDef, VariableDef, VariableValue } from '../manifest/model';
import { buildContext } from '../render/context';
import { renderText } from '../render/mustache-render';
import { normalizeOutputPath } from '../render/output-path';
import type { RenderedFile, RenderPack } from '../render/render-template';
import { LIMITS } from '../render/limits';
import { getSparqlRuntime, type SparqlRuntime } from './backend';
import { RDF_HINT, rdfFormatOf } from './formats';
import type { GraphFile } from './load-graph';
import { cachedAnswer, graphHash, queryKey, storeAnswer, type CachedAnswer } from './query-cache';
import type { SparqlBackend } from './types';

export interface QueryRunInput {
  pack: RenderPack;
  values: Record<string, VariableValue>;
  defs: Map<string, VariableDef>;
  /** The user's own RDF files (`--data`), added to the pack's graph. */
  data: GraphFile[];
  skip: boolean;
  /** Overrides every other limit (tests); otherwise see `queryTimeLimit`. */
  timeoutMs?: number;
  /** The run's one-read-per-file reader (engine/fs/read-once.ts); default: read directly. */
  readFile?: ReadFile | undefined;
  /** Neither read nor keep cached answers, nor reuse the last parsed graph (timing the queries themselves). */
  noCache?: boolean | undefined;
}

export interface QueryRunOutput {
  /** `queries.<name>` for the render context. */
  context: Record<string, unknown>;
  /** Files from `output_path`. */
  files: RenderedFile[];
}

/** One query, ready to run: its text, the parameters to bind and its cache key. */
interface PreparedQuery {
  q: QueryDef;
  sparql: string;
  shown: string;
  parameters: Record<string, [string, string | null]>;
  outputPath: string | null;
  format: ReturnType<typeof formatFromPath>;
  key: string;
}

/** The last graph parsed in this process, by content hash: a preview that changes only a parameter reuses it. */
let lastGraph: { hash: string; store: Store } | null = null;

/** Run every query of the pack by `priority` (lower first; ties in declaration order). */
export async function runPackQueries(input: QueryRunInput): Promise<QueryRunOutput> {
  const { pack } = input;
  const out: QueryRunOutput = { context: {}, files: [] };
  const queries = [...pack.manifest.queries].sort((a, b) => a.priority - b.priority || a.index - b.index);
  if (input.skip || queries.length === 0) {
    for (const q of queries) out.context[q.name] = [];
    return out;
  }
  const read = input.readFile ?? ((abs: string) => readFileSync(abs));
  const graphFiles: GraphFile[] = [
    ...pack.manifest.rdf.files.map((f) => ({ path: resolve(pack.dir, f), shown: `${pack.name}:${f}` })),
    ...input.data,
  ];
  // Files that are not RDF are left for loadGraph to report with the others; the rest are read once.
  const graph = graphFiles.map((f) => {
    const format = rdfFormatOf(f.path);
    const bytes = format ? readInputBytes({ path: f.path, shown: f.shown, what: 'RDF file', hint: RDF_HINT }, read) : Buffer.alloc(0);
    return { file: f, format: format ?? '', bytes };
  });
  const hash = graphHash(graph);
  const ctx = buildContext(input.values, {}, {});
  const prepared = queries.map((q) => prepare(pack, q, input, ctx, hash, read));
  const answers = prepared.map((p) => (input.noCache ? undefined : cachedAnswer(p.key)));
  let runtime: { rt: SparqlRuntime; store: Store; backend: SparqlBackend } | null = null;
  for (const [i, p] of prepared.entries()) {
    let answer = answers[i];
    if (!answer) {
      if (!runtime) {
        const { rt, backend } = await getSparqlRuntime();
        if (lastGraph?.hash !== hash || input.noCache) {
          lastGraph = { hash, store: rt.loadGraph(graph.map((g) => ({ ...g.file, text: g.bytes.toString('utf8') }))) };
        }
        runtime = { rt, backend, store: lastGraph.store };
      }
      answer = await answerQuery(runtime, p, pack, input.timeoutMs);
      if (!input.noCache) storeAnswer(p.key, answer);
    }
    out.context[p.q.name] = answer.context;
    if (p.outputPath !== null) {
      out.files.push({
        path: p.outputPath,
        content: Buffer.from(answer.output ?? '', 'utf8'),
        mode: 0o644,
        pack: pack.name,
        template: `query:${p.q.name}`,
        skipIfExists: false,
        source: p.shown,
      });
    }
  }
  return out;
}

function prepare(
  pack: RenderPack,
  q: QueryDef,
  input: QueryRunInput,
  ctx: ReturnType<typeof buildContext>,
  graph: string,
  read: ReadFile,
): PreparedQuery {
  const shown = `${pack.name}:${q.source.type === 'file' ? q.source.path : `queries.${q.name}`}`;
  const sparql = queryText(pack, q, read);
  const parameters = Object.fromEntries(
    Object.entries(q.parameters).map(([name, tpl]) => {
      const value = renderText(tpl, ctx, false, { file: `${shown} parameters.${name}` });
      const from = /^\s*\{\{\{?\s*([\w.]+)\s*\}?\}\}\s*$/.exec(tpl)?.[1];
      return [name, [value, (from && input.defs.get(from)?.type) || null] as [string, string | null]];
    }),
  );
  let outputPath: string | null = null;
  let format: PreparedQuery['format'] = 'json';
  if (q.outputPath) {
    outputPath = normalizeOutputPath(
      '',
      renderText(q.outputPath, ctx, false, { file: `${shown} output_path` }),
      shown,
      /^\s*[\\/]/.test(q.outputPath),
    );
    format = q.outputFormat ?? formatFromPath(outputPath);
  }
  const output = outputPath === null ? undefined : { format, prefixes: pack.manifest.rdf.prefixes };
  return {
    q,
    sparql,
    shown,
    parameters,
    outputPath,
    format,
    key: queryKey({ graph, query: sparql, parameters, ...(output && { output }) }),
  };
}

/** Bind, run (under the time limit) and convert one query. */
async function answerQuery(
  runtime: { rt: SparqlRuntime; store: Store; backend: SparqlBackend },
  p: PreparedQuery,
  pack: RenderPack,
  timeoutMs: number | undefined,
): Promise<CachedAnswer> {
  const { rt, store, backend } = runtime;
  const bindings = Object.fromEntries(
    Object.entries(p.parameters).map(([name, [value, type]]) => [
      name,
      rt.typedLiteral(value, (type ?? undefined) as VariableDef['type'] | undefined),
    ]),
  );
  const text = Object.keys(bindings).length ? rt.bindParameters(p.sparql, bindings, p.shown) : (rt.parseQuery(p.sparql, p.shown), p.sparql);
  const result = rt.toQueryResult(await runWithTimeout(backend, text, store, p.q, pack.name, timeoutMs ?? queryTimeLimit(p.q)));
  const answer: CachedAnswer = { context: rt.contextValue(result) };
  if (p.outputPath !== null)
    answer.output = rt.serializeResult(result, p.format, pack.manifest.rdf.prefixes, `"${p.q.name}" of ${pack.name}`);
  return answer;
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

function queryText(pack: RenderPack, q: QueryDef, read: ReadFile): string {
  if (q.source.type === 'inline') return q.source.query;
  if (q.source.type === 'file') {
    try {
      return read(resolve(pack.dir, q.source.path)).toString('utf8');
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
