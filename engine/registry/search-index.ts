/**
 * Ranked full-text search over pack summaries (name, title, description, tags and template
 * aliases; fuzzy + prefix, so "startp microservce" still finds startup-pack). Up to a few hundred
 * packs: minisearch, built in-process (a few ms). Larger registries: the compact index of
 * compact-search.ts, persisted in `$GGEN_HOME/cache/` and keyed on the local index's stamp and the
 * bundled catalog's contents, so it is never stale.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { PackSummary } from '../../protocol';
import { cacheDirFor } from '../config';
import { buildCompactIndex, type CompactIndex, searchCompact } from './compact-search';
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
}

const OPTIONS: Options<SearchDoc> = {
  fields: ['name', 'title', 'description', 'tags', 'templates'],
  storeFields: [],
  searchOptions: { boost: { name: 4, title: 2, tags: 2, templates: 1.5 }, fuzzy: 0.25, prefix: true, combineWith: 'OR' },
};

/** From this many packs on, the persisted compact index (compact-search.ts) replaces an in-process minisearch. */
export const COMPACT_THRESHOLD = 500;

function docs(store: RegistryStore, summaries: PackSummary[]): SearchDoc[] {
  const templates = new Map<string, string[]>();
  for (const e of store.localIndex().packs) templates.set(e.name, e.templates ?? []);
  for (const b of store.bundled()) if (!templates.has(b.name)) templates.set(b.name, b.templates);
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

const FIELDS = ['name', 'title', 'description', 'tags', 'templates'] as const;
const BOOSTS = [4, 2, 1, 2, 1.5];

/**
 * The compact indexes this process already read, by file: a long-lived process (the extension host,
 * the language server) searching again per keystroke neither re-reads nor re-parses the file.
 */
const compactHeld = new Map<string, { key: string; index: CompactIndex }>();

/** The compact index of a large registry, from the persisted copy when its key matches, else built and saved. */
function compactFor(store: RegistryStore, source: SourceFilter): CompactIndex {
  const bundledKey = createHash('sha1')
    .update(JSON.stringify(store.bundled().map((b) => [b.dir, b.version, b.summary, b.templates])))
    .digest('hex');
  const key = `${store.localIndex().stamp}:${bundledKey}:${source}:v2`;
  const file = join(cacheDirFor(store.home), `search-index-${source}.json`);
  const held = compactHeld.get(file);
  if (held?.key === key) return held.index;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; index: CompactIndex };
    if (saved.key === key) {
      compactHeld.set(file, saved);
      return saved.index;
    }
  } catch {
    /* missing or unreadable: rebuild */
  }
  const index = buildCompactIndex(docs(store, store.summaries(source)).map((d) => ({ id: d.id, fields: FIELDS.map((f) => d[f]) })));
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(cacheDirFor(store.home), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ key, index }));
    renameSync(tmp, file);
    compactHeld.set(file, { key, index });
  } catch {
    // A read-only or full home still searches, just slower (and keeps no partial temp file).
    rmSync(tmp, { force: true });
  }
  return index;
}

/**
 * Ranked hits for `query` among the newest version of each pack in `source`. `summaryOf` lets a caller
 * that already holds the summaries (the search panel, per keystroke) skip the store's lookup per hit.
 */
export function searchPacks(
  store: RegistryStore,
  query: string,
  source: SourceFilter = 'all',
  summaryOf: (name: string) => PackSummary | null | undefined = (name) => store.summary(name, source),
): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  if (store.nameCount(source) >= COMPACT_THRESHOLD) {
    // Large registries: the persisted index, and only the hits' summaries are read.
    return searchCompact(compactFor(store, source), q, BOOSTS).flatMap((r) => {
      const summary = summaryOf(r.id);
      return summary ? [{ summary, score: r.score }] : [];
    });
  }
  const summaries = store.summaries(source);
  const byName = new Map(summaries.map((s) => [s.name, s]));
  return build(docs(store, summaries))
    .search(q)
    .filter((r) => byName.has(String(r.id)))
    .map((r) => ({ summary: byName.get(String(r.id))!, score: r.score }));
}

/** Ranked hits for `query` among `summaries` alone (remote packs: no index behind them), scored like searchPacks. */
export function rankSummaries(summaries: PackSummary[], query: string, templates: (name: string) => string[] = () => []): SearchHit[] {
  const q = query.trim();
  const byName = new Map(summaries.map((s) => [s.name, s]));
  // No query (list): every summary, in name order, with one score.
  if (!q) return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((summary) => ({ summary, score: 1 }));
  const all = [...byName.values()].map((s) => ({
    id: s.name,
    name: `${s.name} ${s.name.replace(/^@[^/]+\//, '').replace(/-/g, '')}`,
    title: s.title ?? '',
    description: s.description,
    tags: s.tags.join(' '),
    templates: templates(s.name).join(' '),
  }));
  return build(all)
    .search(q)
    .filter((r) => byName.has(String(r.id)))
    .map((r) => ({ summary: byName.get(String(r.id))!, score: r.score }));
}
