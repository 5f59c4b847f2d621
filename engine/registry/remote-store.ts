/**
 * `openRemoteStore`: a store that also sees the configured remote registries. The store's reads
 * are synchronous (the resolver, show, tree and install all read it), so the network work happens
 * here, first: for each pack the command names, the packument is fetched (or read from the cache
 * when the registry does not answer), the newest remote version satisfying the range is downloaded,
 * verified and extracted into the cache when it beats what the local registry and the catalog
 * offer, and with `dependencies` the same is done for its dependencies, transitively. The resolver
 * then chooses across all sources as it always has.
 */
import semver from 'semver';
import type { PackSummary } from '../../protocol';
import { loadManifest } from '../manifest/load';
import { existsSync } from 'node:fs';
import { remotePackDir } from './remote-cache';
import { RemoteSession, type RemoteSessionOptions, type RemoteVersion } from './remote-fetch';
import { normalizeRange, openStore, type RegistryStore, type RemoteSource } from './store';
import type { PackRecord, SourceFilter } from './types';

export interface RemoteStoreOptions extends RemoteSessionOptions {
  /** Packs the command will read: `name` with a range (default `*`). */
  want?: { name: string; range?: string | undefined }[];
  /** Also fetch the dependencies of what is fetched (install, tree, update). */
  dependencies?: boolean;
  /** Which sources the command reads; `remote` fetches even when a local copy is as new. */
  source?: SourceFilter;
  /** More remote summaries to show (search and list hits). */
  summaries?: PackSummary[];
  /** Tests: the catalog folder (default: the bundled one). */
  bundledDir?: string | null;
}

export interface RemoteStore {
  store: RegistryStore;
  session: RemoteSession;
}

const summaryOf = (v: RemoteVersion): PackSummary => ({
  name: v.name,
  version: v.version,
  title: v.meta.title,
  description: v.description,
  category: v.meta.category,
  tags: v.meta.tags,
  source: 'remote',
  installed: false,
  registry: v.registry,
});

export async function openRemoteStore(home: string, opts: RemoteStoreOptions = {}): Promise<RemoteStore> {
  const session = new RemoteSession(home, opts);
  const bundled = opts.bundledDir !== undefined ? { bundledDir: opts.bundledDir } : {};
  const source = opts.source ?? 'all';
  if (!session.configured || source === 'local' || source === 'bundled') return { store: openStore(home, bundled), session };
  const base = openStore(home, bundled);
  const known = new Map<string, RemoteVersion[]>();
  const done = new Set<string>();
  const queue = [...(opts.want ?? [])];
  while (queue.length) {
    const { name, range } = queue.shift()!;
    const r = normalizeRange(range);
    const key = `${name}@${r}`;
    if (done.has(key)) continue;
    done.add(key);
    const versions = known.get(name) ?? (await session.versions(name));
    known.set(name, versions);
    const best = versions.find((v) => semver.satisfies(v.version, r));
    const here = source === 'remote' ? null : base.find(name, r);
    let dir: string | null = null;
    if (best && !(here && semver.gte(here.version, best.version))) dir = await session.materialize(best);
    else if (here) dir = here.dir;
    // A local or catalog pack may still depend on a pack that only a registry has.
    if (opts.dependencies && dir) {
      const m = loadManifest(dir).manifest;
      for (const d of m?.dependencies ?? []) if (!d.optional) queue.push({ name: d.name, range: d.version });
    }
  }
  const extra = opts.summaries ?? [];
  const remote: RemoteSource = {
    summaries: () => {
      const rows = new Map<string, PackSummary>();
      const offer = (s: PackSummary) => {
        const prev = rows.get(s.name);
        if (!prev || semver.gt(s.version, prev.version)) rows.set(s.name, s);
      };
      for (const vs of known.values()) if (vs[0]) offer(summaryOf(vs[0]));
      for (const s of extra) offer(s);
      return [...rows.values()];
    },
    versions: (name) =>
      (known.get(name) ?? []).flatMap((v): PackRecord[] => {
        const dir = remotePackDir(home, v.registry, v.name, v.version);
        return existsSync(dir) ? [{ name: v.name, version: v.version, source: 'remote', dir, installed: false, origin: v.registry }] : [];
      }),
  };
  return { store: openStore(home, { ...bundled, remote }), session };
}
