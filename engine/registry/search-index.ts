/**
 * Ranked full-text search over pack summaries with minisearch (name, title, description, tags and
 * template aliases; fuzzy + prefix, so "startp microservce" still finds startup-pack). With a large
 * local registry the index is persisted in `$GGEN_HOME/cache/` and reloaded with
 * `MiniSearch.loadJSON`, keyed on the local index's stamp and the bundled catalog's contents so
 * it is never stale.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { PackSummary } from '../../protocol';
import type { RegistryStore } from './store';
import type { SourceFilter } from './types';

interface SearchDoc {
  id: string;
  name: string;
  title: string;
  description: string;
  tags: string;
  templates: string;
}

export interface SearchHit {
  summary: PackSummary;
  score: number;
  /** Query terms that matched, by field. */
  match: Record<string, string[]>;
}

const OPTIONS: Options<SearchDoc> = {
  fields: ['name', 'title', 'description', 'tags', 'templates'],
  storeFields: [],
  searchOptions: { boost: { name: 4, title: 2, tags: 2, templates: 1.5 }, fuzzy: 0.25, prefix: true, combineWith: 'OR' },
};

/** Below this many documents building the index is cheaper than reading a persisted one. */
const PERSIST_THRESHOLD = 300;

function docs(store: RegistryStore, summaries: PackSummary[]): SearchDoc[] {
  const templates = new Map<string, string[]>();
  for (const e of store.localIndex().packs) templates.set(e.name, e.templates ?? []);
  for (const b of store.bundled()) if (!templates.has(b.name)) templates.set(b.name, b.manifest.templates.map((t) => t.alias));
  return summaries.map((s) => ({
    id: s.name,
    // "startup-pack" is also findable as "startup pack" and as "startuppack".
    name: `${s.name} ${s.name.replace(/^@[^/]+\//, '').replace(/-/g, '')}`,
    title: s.title ?? '',
    description: s.description,
    tags: s.tags.join(' '),
    templates: (templates.get(s.name) ?? []).join(' '),
  }));
}

function build(all: SearchDoc[]): MiniSearch<SearchDoc> {
  const ms = new MiniSearch<SearchDoc>(OPTIONS);
  ms.addAll(all);
  return ms;
}

/** The index for `summaries`, from the persisted copy when it matches, else built (and persisted if large). */
function indexFor(store: RegistryStore, source: SourceFilter, summaries: PackSummary[]): MiniSearch<SearchDoc> {
  const localCount = store.localIndex().packs.length;
  if (summaries.length < PERSIST_THRESHOLD || localCount === 0) return build(docs(store, summaries));
  const bundledKey = createHash('sha1')
    .update(JSON.stringify(store.bundled().map((b) => [b.dir, b.manifest.metadata, b.manifest.templates.map((t) => t.alias)])))
    .digest('hex');
  const key = `${store.localIndex().stamp}:${bundledKey}:${source}:v1`;
  const file = join(store.home, 'cache', `search-index-${source}.json`);
  try {
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    if (text.slice(0, nl) === key) return MiniSearch.loadJSON<SearchDoc>(text.slice(nl + 1), OPTIONS);
  } catch {
    /* missing or unreadable: rebuild */
  }
  const ms = build(docs(store, summaries));
  try {
    mkdirSync(join(store.home, 'cache'), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${key}\n${JSON.stringify(ms)}`);
    renameSync(tmp, file);
  } catch {
    /* a read-only home still searches, just slower */
  }
  return ms;
}

/** Ranked hits for `query` among the newest version of each pack in `source`. */
export function searchPacks(store: RegistryStore, query: string, source: SourceFilter = 'all'): SearchHit[] {
  const summaries = store.summaries(source);
  const byName = new Map(summaries.map((s) => [s.name, s]));
  const q = query.trim();
  if (!q) return [];
  const ms = indexFor(store, source, summaries);
  return ms
    .search(q)
    .filter((r) => byName.has(String(r.id)))
    .map((r) => {
      const match: Record<string, string[]> = {};
      for (const [term, fields] of Object.entries(r.match)) for (const f of fields) (match[f] ??= []).push(term);
      return { summary: byName.get(String(r.id))!, score: r.score, match };
    });
}
