/**
 * `openStore`: the PackStore over the bundled catalog, the local registry and — when the caller
 * passes one — a remote source (SPEC §5, §10 "Sources"). The store itself never touches the network:
 * a remote source is what remote-store.ts fetched before (summaries from packuments and searches,
 * records of packs already downloaded and verified into the cache), so every read stays synchronous.
 * Reads are cheap: local summaries come from the index (index.jsonl), never from manifests.
 */
import { compare as semverCompare, satisfies, validRange } from 'semver';
import type { PackSummary } from '../../protocol';
import { cacheDirFor } from '../config';
import { ValidationError } from '../errors';
import { loadManifest } from '../manifest/load';
import { bundledEntries, findBundledDir, type BundledEntry } from './bundled';
import { type IndexEntry, type LocalIndex, readIndex } from './local-index';
import { packFolderName, packsDir } from './paths';
import type { LoadedPack, PackRecord, PackStore, SourceFilter } from './types';
import { join } from 'node:path';

/** What a remote registry contributes to a store: fetched before the store is opened (remote-store.ts). */
export interface RemoteSource {
  /** The newest summary of each remote pack known to this run (source 'remote'). */
  summaries(): PackSummary[];
  /** The versions of `name` downloaded and verified into the cache (loadable), newest first. */
  versions(name: string): PackRecord[];
}

/** The store plus what the registry verbs need beyond the shared contract. */
export interface RegistryStore extends PackStore {
  readonly bundledDir: string | null;
  /** The local index (read once per store; `refresh()` after writing). */
  localIndex(): LocalIndex;
  /** The catalog's packs (summaries; `load` parses a manifest when needed). */
  bundled(): (BundledEntry & { installed: boolean })[];
  /** The newest summary of `name` across the sources (no whole-index parse). */
  summary(name: string, source?: SourceFilter): PackSummary | null;
  /** The first `limit` pack names in the sources, sorted (default: all; no whole-index parse). */
  names(source?: SourceFilter, limit?: number): string[];
  /** How many distinct pack names the sources hold. */
  nameCount(source?: SourceFilter): number;
  /** The index entry of an installed name@version. */
  localEntry(name: string, version: string): IndexEntry | undefined;
  /** Forget cached reads (after install/uninstall). */
  refresh(): void;
}

const usesSource = (filter: SourceFilter, kind: 'bundled' | 'local' | 'remote') => filter === 'all' || filter === kind;

/** Accepts `*`, `latest` and empty as "any"; throws ValidationError (exit 2) on a bad range. */
export function normalizeRange(range: string | undefined): string {
  const r = (range ?? '').trim();
  if (r === '' || r === 'latest' || r === '*') return '*';
  if (validRange(r) === null) {
    throw new ValidationError(`"${r}" is not a semver version or range`, { hint: 'Use e.g. 1.2.0, ^1.2.0, ~1.2.0, >=1.0.0 <2.0.0 or *.' });
  }
  return r;
}

/** Newest first; on equal versions the installed (local) copy first. */
export function compareRecords(a: PackRecord, b: PackRecord): number {
  const c = semverCompare(b.version, a.version);
  if (c !== 0) return c;
  return Number(b.source === 'local') - Number(a.source === 'local');
}

const localSummary = (e: IndexEntry): PackSummary => ({
  name: e.name,
  version: e.version,
  title: e.title,
  description: e.description,
  category: e.category,
  tags: e.tags,
  source: 'local',
  installed: true,
});
const bundledSummary = (b: BundledEntry & { installed: boolean }): PackSummary => ({
  name: b.name,
  version: b.version,
  ...b.summary,
  source: 'bundled',
  installed: b.installed,
});

/** Opens the store of `$GGEN_HOME` = `home`; `bundledDir` overrides the catalog location (null: none). */
export function openStore(home: string, opts: { bundledDir?: string | null; remote?: RemoteSource | undefined } = {}): RegistryStore {
  const remote = opts.remote;
  let remoteCache: PackSummary[] | undefined;
  const remoteSummaries = () =>
    (remoteCache ??= remote ? remote.summaries().map((s) => ({ ...s, installed: localEntry(s.name, s.version) !== undefined })) : []);
  const bundledDir = opts.bundledDir !== undefined ? opts.bundledDir : findBundledDir();
  let bundledCache: (BundledEntry & { installed: boolean })[] | undefined;
  let indexCache: LocalIndex | undefined;
  const loadedCache = new Map<string, LoadedPack>();

  const localIndex = (): LocalIndex => (indexCache ??= readIndex(home));
  const localEntry = (name: string, version: string) =>
    localIndex()
      .byName(name)
      .find((e) => e.version === version);
  const bundled = () => {
    if (!bundledCache) {
      bundledCache = bundledEntries(bundledDir, cacheDirFor(home)).map((b) => ({
        ...b,
        installed: localEntry(b.name, b.version) !== undefined,
      }));
    }
    return bundledCache;
  };
  const localRecord = (e: IndexEntry): PackRecord => ({
    name: e.name,
    version: e.version,
    source: 'local',
    dir: join(packsDir(home), packFolderName(e.name, e.version)),
    installed: true,
    explicit: e.explicit,
  });

  const store: RegistryStore = {
    home,
    bundledDir,
    localIndex,
    bundled,
    localEntry,
    refresh() {
      bundledCache = undefined;
      indexCache = undefined;
      remoteCache = undefined;
      loadedCache.clear();
    },

    summaries(source = 'all') {
      const rows = new Map<string, PackSummary>();
      const offer = (s: PackSummary) => {
        const prev = rows.get(s.name);
        if (!prev) return void rows.set(s.name, s);
        const c = semverCompare(s.version, prev.version);
        if (c > 0 || (c === 0 && s.source === 'local')) rows.set(s.name, s);
      };
      if (usesSource(source, 'local')) {
        for (const e of localIndex().packs) {
          offer(localSummary(e));
        }
      }
      if (usesSource(source, 'bundled')) {
        for (const b of bundled()) offer(bundledSummary(b));
      }
      if (usesSource(source, 'remote')) for (const r of remoteSummaries()) offer(r);
      return [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    summary(name, source = 'all') {
      let best: PackSummary | null = null;
      const offer = (s: PackSummary) => {
        const c = best ? semverCompare(s.version, best.version) : 1;
        if (c > 0 || (c === 0 && s.source === 'local')) best = s;
      };
      if (usesSource(source, 'local')) for (const e of localIndex().byName(name)) offer(localSummary(e));
      if (usesSource(source, 'bundled')) for (const b of bundled()) if (b.name === name) offer(bundledSummary(b));
      if (usesSource(source, 'remote')) for (const r of remoteSummaries()) if (r.name === name) offer(r);
      return best;
    },

    names(source = 'all', limit = Infinity) {
      // Both lists are sorted: merge them, stopping at `limit`, without touching the rest of the index.
      const local = usesSource(source, 'local') ? localIndex().names(limit) : [];
      // The catalog and the remote packs are short lists: one sorted list beside the index's names.
      const catalog = [
        ...new Set([
          ...(usesSource(source, 'bundled') ? bundled().map((b) => b.name) : []),
          ...(usesSource(source, 'remote') ? remoteSummaries().map((r) => r.name) : []),
        ]),
      ].sort();
      const out: string[] = [];
      let i = 0;
      let j = 0;
      while (out.length < limit) {
        const a = local[i];
        const b = catalog[j];
        const fromLocal = a !== undefined && (b === undefined || a <= b);
        const next = fromLocal ? a : b;
        if (next === undefined) break; // both lists used up
        if (fromLocal) i++;
        else j++;
        if (out.at(-1) !== next) out.push(next);
      }
      return out;
    },

    nameCount(source = 'all') {
      const local = usesSource(source, 'local') ? localIndex().distinctCount() : 0;
      const catalogOnly = new Set(
        [
          ...(usesSource(source, 'bundled') ? bundled().map((b) => b.name) : []),
          ...(usesSource(source, 'remote') ? remoteSummaries().map((r) => r.name) : []),
        ].filter((n) => !usesSource(source, 'local') || localIndex().byName(n).length === 0),
      ).size;
      return local + catalogOnly;
    },

    versions(name, source = 'all') {
      const out: PackRecord[] = [];
      if (usesSource(source, 'local')) for (const e of localIndex().byName(name)) out.push(localRecord(e));
      if (usesSource(source, 'bundled')) {
        for (const b of bundled())
          if (b.name === name) out.push({ name: b.name, version: b.version, source: 'bundled', dir: b.dir, installed: b.installed });
      }
      if (remote && usesSource(source, 'remote'))
        for (const r of remote.versions(name)) out.push({ ...r, installed: localEntry(r.name, r.version) !== undefined });
      return out.sort(compareRecords);
    },

    find(name, range, source = 'all') {
      const r = normalizeRange(range);
      return store.versions(name, source).find((rec) => satisfies(rec.version, r)) ?? null;
    },

    load(record) {
      const hit = loadedCache.get(record.dir);
      if (hit) return hit;
      const loaded = loadManifest(record.dir);
      if (!loaded.manifest) {
        throw new ValidationError(`The manifest of ${record.name}@${record.version} does not parse (${loaded.file})`, {
          issues: loaded.issues,
          hint: 'Fix the syntax error, or reinstall the pack with `ggen-pack install --force`.',
        });
      }
      const pack: LoadedPack = { ...record, manifest: loaded.manifest, loaded };
      loadedCache.set(record.dir, pack);
      return pack;
    },
  };
  return store;
}

/** `findPack` for planGeneration: the newest loaded pack of `name` satisfying `range`, or null. */
export function packFinder(store: PackStore): (name: string, range: string) => LoadedPack | null {
  return (name, range) => {
    const rec = store.find(name, range);
    return rec ? store.load(rec) : null;
  };
}
