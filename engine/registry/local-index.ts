/**
 * `$GGEN_HOME/packs/index.jsonl` (format: index-lines.ts): what the local registry holds, with the summary fields list and
 * search need (so they never parse manifests), each pack's integrity, its declared dependencies
 * (for uninstall and tree), and whether it was installed explicitly or as a dependency.
 * Written atomically (temp + rename) under the registry lock. A missing or corrupt index, or one
 * that disagrees with the folders on disk, is rebuilt from the folders.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../manifest/model';
import { loadManifest } from '../manifest/load';
import { byNameThenVersion, formatIndexLines, type IndexEntry, IndexLines } from './index-lines';
import { packIntegrity } from './integrity';
import { withLock } from './lock';
import { packFolderName, packsDir, parsePackFolderName } from './paths';

export type { IndexEntry } from './index-lines';

export const INDEX_VERSION = 2;

export interface LocalIndex {
  version: number;
  /** Changes on every write: keys caches derived from the index (the search index). */
  stamp: string;
  /** Number of entries (pack versions). */
  count: number;
  /** Every entry, parsed on first use: for writes and whole-registry views, not for lookups. */
  readonly packs: IndexEntry[];
  /** The entries of one name, oldest version first (parses only those). */
  byName(name: string): IndexEntry[];
  /** The first `limit` distinct installed names, sorted (default: all; parses nothing). */
  names(limit?: number): string[];
  /** How many distinct names are installed. */
  distinctCount(): number;
}

export function indexFile(home: string): string {
  return join(packsDir(home), 'index.jsonl');
}

/** A LocalIndex over entries held in memory (an index just written, or an empty registry). */
function inMemory(stamp: string, entries: IndexEntry[]): LocalIndex {
  const sorted = [...entries].sort(byNameThenVersion);
  return {
    version: INDEX_VERSION,
    stamp,
    count: sorted.length,
    packs: sorted,
    byName: (name) => sorted.filter((e) => e.name === name),
    names: (limit = Infinity) => [...new Set(sorted.map((e) => e.name))].slice(0, limit),
    distinctCount: () => new Set(sorted.map((e) => e.name)).size,
  };
}

/** A LocalIndex over the file's bytes, parsing lines on demand. */
function fromLines(lines: IndexLines): LocalIndex {
  let all: IndexEntry[] | undefined;
  return {
    version: lines.header.version,
    stamp: lines.header.stamp,
    count: lines.header.count,
    get packs() {
      return (all ??= lines.all());
    },
    byName: (name) => lines.byName(name),
    names: (limit) => lines.names(limit),
    distinctCount: () => lines.header.names,
  };
}

export function lockFile(home: string): string {
  return join(packsDir(home), '.lock');
}

/** Summary fields of an index entry, from a loaded manifest. */
export function entryFromManifest(m: Manifest, extra: Pick<IndexEntry, 'integrity' | 'explicit' | 'from' | 'installedAt'>): IndexEntry {
  return {
    name: m.metadata.name,
    version: m.metadata.version,
    title: m.metadata.title ?? null,
    description: m.metadata.description,
    category: m.metadata.category,
    tags: m.metadata.tags,
    templates: m.templates.map((t) => t.alias),
    dependencies: m.dependencies.map((d) => ({ name: d.name, range: d.version, optional: d.optional })),
    ...extra,
  };
}

function readIndexFile(home: string): LocalIndex | null {
  let buf: Buffer;
  try {
    buf = readFileSync(indexFile(home));
  } catch {
    return null; // missing
  }
  const lines = IndexLines.parse(buf, INDEX_VERSION);
  return lines ? fromLines(lines) : null;
}

/** Pack folders on disk, by folder name. */
function listFolders(home: string): Map<string, { name: string; version: string }> {
  const out = new Map<string, { name: string; version: string }>();
  let names: string[];
  try {
    names = readdirSync(packsDir(home));
  } catch {
    return out;
  }
  for (const f of names) {
    const parsed = parsePackFolderName(f);
    if (parsed) out.set(f, parsed);
  }
  return out;
}

/** Writes the index atomically. Call under the lock. */
export function writeIndex(home: string, packs: IndexEntry[]): LocalIndex {
  mkdirSync(packsDir(home), { recursive: true });
  const stamp = randomBytes(8).toString('hex');
  const tmp = `${indexFile(home)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, formatIndexLines({ version: INDEX_VERSION, stamp }, packs));
  renameSync(tmp, indexFile(home));
  return inMemory(stamp, packs);
}

/**
 * Rebuilds the index from the folders, keeping entries (explicit flag, integrity) of folders that
 * are still there and parsing manifests only of folders the old index does not know. Call under the lock.
 */
export function rebuildIndex(home: string, old: IndexEntry[] = []): LocalIndex {
  const known = new Map(old.map((e) => [safeFolder(e), e]));
  const packs: IndexEntry[] = [];
  for (const [folder, id] of listFolders(home)) {
    const prev = known.get(folder);
    if (prev) {
      packs.push(prev);
      continue;
    }
    const dir = join(packsDir(home), folder);
    try {
      const loaded = loadManifest(dir);
      if (!loaded.manifest || loaded.manifest.metadata.name !== id.name || loaded.manifest.metadata.version !== id.version) continue;
      const integrity = packIntegrity(dir, { excludes: loaded.manifest.excludes });
      // Unknown provenance: treat as explicit so uninstall cascades never remove it silently.
      packs.push(
        entryFromManifest(loaded.manifest, { integrity, explicit: true, from: 'unknown', installedAt: new Date(0).toISOString() }),
      );
    } catch {
      /* not a pack folder: leave it out */
    }
  }
  return writeIndex(home, packs);
}

/** All entries of an index whose lines all parse, else none (the index is then rebuilt from the folders). */
function safeEntries(index: LocalIndex | null): IndexEntry[] {
  try {
    return index?.packs.filter((p) => typeof p?.name === 'string' && typeof p.version === 'string' && Array.isArray(p.tags)) ?? [];
  } catch {
    return [];
  }
}

function safeFolder(e: IndexEntry): string {
  try {
    return packFolderName(e.name, e.version);
  } catch {
    return '';
  }
}

/**
 * The current index: read, checked against the folders on disk (a cheap readdir), and rebuilt
 * under the lock when it is missing, corrupt or stale. A registry that does not exist yet reads
 * as empty without creating anything.
 */
export function readIndex(home: string): LocalIndex {
  if (!existsSync(packsDir(home))) return inMemory('empty', []);
  const parsed = readIndexFile(home);
  if (parsed && matchesFolders(home, parsed)) return parsed;
  return withLock(lockFile(home), () => {
    // Another process may have rebuilt it while we waited.
    const again = readIndexFile(home);
    if (again && matchesFolders(home, again)) return again;
    return rebuildIndex(home, safeEntries(again ?? parsed));
  });
}

function matchesFolders(home: string, index: LocalIndex): boolean {
  // Fast path: on file systems that count sub-directories in a directory's link count (ext4, xfs,
  // tmpfs), 2 + one link per pack folder means no folder was added or removed behind our back.
  // Anywhere else (or with stray folders) fall back to comparing the folder names.
  try {
    if (statSync(packsDir(home)).nlink === index.count + 2) return true;
  } catch {
    return false;
  }
  const folders = listFolders(home);
  if (folders.size !== index.count) return false;
  const entries = safeEntries(index);
  return entries.length === index.count && entries.every((e) => folders.has(safeFolder(e)));
}

/** Read-modify-write of the index under the lock. `fn` gets the fresh entries and returns the new ones. */
export function updateIndex(home: string, fn: (packs: IndexEntry[]) => IndexEntry[]): LocalIndex {
  mkdirSync(packsDir(home), { recursive: true });
  return withLock(lockFile(home), () => {
    const current = readIndexFile(home);
    const base = current && matchesFolders(home, current) ? current.packs : rebuildIndex(home, safeEntries(current)).packs;
    return writeIndex(home, fn(base));
  });
}
