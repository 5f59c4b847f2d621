/**
 * Search and list across every source: the local registry and the catalog (search-index.ts, as
 * before) and the configured remote registries (their pack packages, remote-fetch.ts). Each side is
 * ranked by the same fuzzy + prefix scoring; the two rankings are merged on scores normalised to
 * each side's best hit, so neither a large local registry nor a large remote one drowns the other.
 * A name found on both sides is one row: the newer version, the installed copy on a tie.
 */
import semver from 'semver';
import type { PackSummary } from '../../protocol';
import { RemoteSession, type RemoteSessionOptions } from './remote-fetch';
import { rankSummaries, searchPacks, type SearchHit } from './search-index';
import { openStore, type RegistryStore } from './store';
import type { SourceFilter } from './types';

export interface RemoteSearchOptions extends RemoteSessionOptions {
  source?: SourceFilter;
  /** Tests: the catalog folder. */
  bundledDir?: string | null;
}

/** The remote packs for `query` ('' = all the registries list), ranked like local ones, or [] when no registry is configured. */
export async function remoteSummaries(home: string, query: string, opts: RemoteSearchOptions = {}): Promise<PackSummary[]> {
  const session = new RemoteSession(home, opts);
  if (!session.configured) return [];
  return session.search(query);
}

/** Keep the better of two rows of one name: the newer version; on a tie the installed copy, then a non-remote one. */
function better(a: PackSummary, b: PackSummary): PackSummary {
  const c = semver.compare(a.version, b.version);
  if (c !== 0) return c > 0 ? a : b;
  // On a tie the installed copy, then the catalog's (it has the full summary; a search hit may not).
  if (a.installed !== b.installed) return a.installed ? a : b;
  return a.source !== 'remote' ? a : b;
}

/** Ranked hits for `query` across the sources `opts.source` names (default all). */
export async function searchAllSources(home: string, query: string, opts: RemoteSearchOptions = {}): Promise<SearchHit[]> {
  const source = opts.source ?? 'all';
  const bundled = opts.bundledDir !== undefined ? { bundledDir: opts.bundledDir } : {};
  const local = openStore(home, bundled);
  const here: SearchHit[] = source === 'remote' ? [] : searchPacks(local, query, source);
  const remote = source === 'all' || source === 'remote' ? await remoteSummaries(home, query, opts) : [];
  if (remote.length === 0) return here;
  const ranked = rankSummaries(remote, query);
  return mergeHits(here, ranked, local);
}

/** Merge two rankings (scores normalised per side); one row per name. */
export function mergeHits(a: SearchHit[], b: SearchHit[], local: RegistryStore): SearchHit[] {
  const top = (hits: SearchHit[]) => Math.max(1e-9, ...hits.map((h) => h.score));
  const ta = top(a);
  const tb = top(b);
  const byName = new Map<string, SearchHit>();
  const offer = (h: SearchHit, scale: number) => {
    const score = h.score / scale;
    const summary =
      h.summary.source === 'remote'
        ? { ...h.summary, installed: local.localEntry(h.summary.name, h.summary.version) !== undefined }
        : h.summary;
    const prev = byName.get(summary.name);
    if (!prev) return void byName.set(summary.name, { summary, score });
    byName.set(summary.name, { summary: better(prev.summary, summary), score: Math.max(prev.score, score) });
  };
  for (const h of a) offer(h, ta);
  for (const h of b) offer(h, tb);
  return [...byName.values()].sort((x, y) => y.score - x.score || (x.summary.name < y.summary.name ? -1 : 1));
}
