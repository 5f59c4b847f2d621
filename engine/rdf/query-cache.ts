/**
 * Cached SPARQL answers (SPEC §10 performance). The same query over the same graph with the same
 * bound parameters always gives the same answer, so the answer — what templates see
 * (`queries.<name>`) and the text of its `output_path` file — is kept:
 *
 * - in memory, for the process (the editor's live preview asks again on every change of a variable:
 *   a hit costs a hash of the graph files, which the run reads anyway);
 * - on disk under `$GGEN_HOME/cache/sparql/` (bounded: the oldest entries go first), so a later CLI
 *   run answers without loading the SPARQL engine at all.
 *
 * The key is a SHA-256 over the SPARQL runtime's identity, each graph file's format and bytes, the
 * query text, the parameters (rendered value + declared type) and, for an `output_path`, the output
 * format and prefixes. The runtime's identity is the hash of dist/sparql.js, set at build time
 * (esbuild.mjs): the answer's conversion to rows and files lives in that bundle too, so a new build
 * can never read an old build's answers. Unbundled (tests under tsx) there is no such identity and
 * only the memory cache is used. Errors are never cached; every failure to read or write the disk
 * cache is a miss, never an error: the cache can only make a run faster.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineConfig, queryCacheDir } from '../config';

declare const __GGEN_SPARQL_RUNTIME_ID__: string | undefined;

/** The built SPARQL runtime's identity, or null when running from source. */
const RUNTIME_ID = typeof __GGEN_SPARQL_RUNTIME_ID__ === 'string' ? __GGEN_SPARQL_RUNTIME_ID__ : null;

/** What a query run produces: the render context value, and the output file's text when it has one. */
export interface CachedAnswer {
  context: unknown;
  output?: string;
}

/** Entries kept in memory, and on disk before the oldest are dropped. */
const MEMORY_ENTRIES = 256;
const DISK_ENTRIES = 2000;
/** Answers larger than this stay out of the disk cache (they cost more to read than a small graph to query). */
const DISK_MAX_BYTES = 8 * 1024 * 1024;

const memory = new Map<string, CachedAnswer>();

/** Hash of the union graph's files, in order (their bytes and formats). */
export function graphHash(files: { format: string; bytes: Buffer }[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.format).update('\0').update(String(f.bytes.length)).update('\0').update(f.bytes);
  return h.digest('hex');
}

export interface QueryKeyParts {
  graph: string;
  query: string;
  /** name → [rendered value, declared variable type or null], any order. */
  parameters: Record<string, [string, string | null]>;
  /** Present when the answer includes the output file's text. */
  output?: { format: string; prefixes: Record<string, string> };
}

export function queryKey(parts: QueryKeyParts): string {
  const sorted = <T>(o: Record<string, T>) =>
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]);
  const material = [
    RUNTIME_ID ?? 'source',
    parts.graph,
    parts.query,
    sorted(parts.parameters),
    parts.output ? [parts.output.format, sorted(parts.output.prefixes)] : null,
  ];
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

const enabled = () => engineConfig().queryCache;
const diskEnabled = () => RUNTIME_ID !== null && enabled();
const entryFile = (key: string) => join(queryCacheDir(), `${key}.json`);

/** The cached answer for `key`, from memory or disk; undefined on a miss. */
export function cachedAnswer(key: string): CachedAnswer | undefined {
  if (!enabled()) return undefined;
  const hit = memory.get(key);
  if (hit) {
    memory.delete(key); // re-inserted: Map order is the eviction order
    memory.set(key, hit);
    return hit;
  }
  if (!diskEnabled()) return undefined;
  try {
    const file = entryFile(key);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; answer?: CachedAnswer };
    if (parsed.key !== key || !parsed.answer || !('context' in parsed.answer)) return undefined;
    const now = new Date();
    utimesSync(file, now, now); // recently used entries are the last to be dropped
    remember(key, parsed.answer);
    return parsed.answer;
  } catch {
    return undefined;
  }
}

/** Keep `answer` for `key` in memory and, when built, on disk. */
export function storeAnswer(key: string, answer: CachedAnswer): void {
  if (!enabled()) return;
  remember(key, answer);
  if (!diskEnabled()) return;
  const text = JSON.stringify({ key, answer });
  if (Buffer.byteLength(text) > DISK_MAX_BYTES) return;
  const dir = queryCacheDir();
  const file = entryFile(key);
  // Written beside and renamed into place: a reader never sees half an entry, a kill leaves a
  // `.tmp` that the next prune removes.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    prune(dir);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function remember(key: string, answer: CachedAnswer): void {
  memory.set(key, answer);
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

/** Drop the least recently used entries (and stale temporary files) once the folder holds too many. */
function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= DISK_ENTRIES) return;
  const aged = names.flatMap((name) => {
    try {
      return [{ name, at: statSync(join(dir, name)).mtimeMs }];
    } catch {
      return [];
    }
  });
  aged.sort((a, b) => a.at - b.at);
  for (const { name } of aged.slice(0, aged.length - Math.floor(DISK_ENTRIES * 0.75))) rmSync(join(dir, name), { force: true });
}

/** Tests: forget the memory cache (the disk cache is per `$GGEN_HOME`). */
export function clearMemoryCache(): void {
  memory.clear();
}
