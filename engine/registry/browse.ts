/**
 * What the search panel asks the engine, per keystroke: the ranked fuzzy search of search-index.ts
 * (or every pack by name for an empty query), narrowed by category, tag and a minimum maturity score,
 * with the filters' choices (facets) over every pack. Maturity scores need a pack's manifest (a read
 * and a parse each), so a row carries its score only when this process already computed it; the
 * panel asks for the missing ones after showing the rows (`maturityOf`). With a minimum score set,
 * every candidate's score is computed: the filter needs them. Scores are kept per name@version.
 */
import type { MaturityLevel, PackSummary } from '../../protocol';
import { maturityLevel, scorePack } from '../score';
import { searchPacks } from './search-index';
import type { RegistryStore } from './store';

export interface BrowseQuery {
  query: string;
  category: string | null;
  tag: string | null;
  /** 0 for no minimum. */
  minScore: number;
  /** Rows returned at most (default 50). */
  limit?: number;
}

export interface BrowseRow extends PackSummary {
  relevance: number;
  /** Null when not computed yet (`maturityOf` computes it): a keystroke never waits for manifests. */
  maturity: number | null;
  level: MaturityLevel | null;
}

export interface BrowseResult {
  rows: BrowseRow[];
  total: number;
  facets: { categories: string[]; tags: string[] };
}

const maturityCache = new Map<string, { total: number; level: MaturityLevel }>();
const maturityKey = (s: PackSummary) => `${s.source}:${s.name}@${s.version}`;
const knownMaturity = (s: PackSummary) => maturityCache.get(maturityKey(s));

/** The maturity score of the newest `name@version` in the store (0, Experimental, when it does not load). */
export function maturityOf(store: RegistryStore, s: PackSummary): { total: number; level: MaturityLevel } {
  const key = maturityKey(s);
  let m = maturityCache.get(key);
  if (!m) {
    try {
      const rec = store.find(s.name, s.version);
      const score = rec ? scorePack(store.load(rec).manifest).total : 0;
      m = { total: score, level: maturityLevel(score) };
    } catch {
      m = { total: 0, level: maturityLevel(0) };
    }
    maturityCache.set(key, m);
  }
  return m;
}

function facetsOf(all: PackSummary[]): BrowseResult['facets'] {
  const categories = new Set<string>();
  const tags = new Set<string>();
  for (const s of all) {
    categories.add(s.category);
    for (const t of s.tags) tags.add(t);
  }
  return { categories: [...categories].sort(), tags: [...tags].sort() };
}

const byName = (a: PackSummary, b: PackSummary): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * A browser over the store as it is now: the summaries, their name order and the facets are computed
 * once and reused for every keystroke. Make a new one when the store changed (install, uninstall).
 */
export function packBrowser(store: RegistryStore): (q: BrowseQuery) => BrowseResult {
  let all: Held | null = null;
  return (q) => {
    all ??= (() => {
      const list = store.summaries('all');
      return { byName: new Map(list.map((s) => [s.name, s])), sorted: [...list].sort(byName), facets: facetsOf(list) };
    })();
    return browse(store, q, all);
  };
}

/** One question, without reuse (the CLI-style call); the panel keeps a packBrowser instead. */
export function browsePacks(store: RegistryStore, q: BrowseQuery): BrowseResult {
  return packBrowser(store)(q);
}

interface Held {
  byName: Map<string, PackSummary>;
  sorted: PackSummary[];
  facets: BrowseResult['facets'];
}

function browse(store: RegistryStore, q: BrowseQuery, { byName, sorted, facets }: Held): BrowseResult {
  const limit = q.limit ?? 50;
  const ranked: { summary: PackSummary; score: number }[] = q.query.trim()
    ? searchPacks(store, q.query, 'all', (name) => byName.get(name))
    : sorted.map((summary) => ({ summary, score: 0 }));
  const candidates = ranked.filter(
    ({ summary: s }) => (q.category === null || s.category === q.category) && (q.tag === null || s.tags.includes(q.tag)),
  );
  const rows: BrowseRow[] = [];
  let total = 0;
  for (const { summary, score } of candidates) {
    const m = q.minScore > 0 ? maturityOf(store, summary) : knownMaturity(summary);
    if (q.minScore > 0 && m!.total < q.minScore) continue;
    total++;
    if (rows.length < limit) rows.push({ ...summary, relevance: score, maturity: m?.total ?? null, level: m?.level ?? null });
  }
  return { rows, total, facets };
}
