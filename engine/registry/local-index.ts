/**
 * `$GGEN_HOME/packs/index.jsonl` (format: index-lines.ts): what the local registry holds, with the summary fields list and
 * search need (so they never parse manifests), each pack's integrity, its declared dependencies
 * (for uninstall and tree), and whether it was installed explicitly or as a dependency.
 * Changed only by a registry transaction (engine/registry/transaction.ts: temp index swapped in by
 * the move journal, under the lock). A missing or corrupt index, or one that disagrees with the
 * folders on disk, is rebuilt from the folders. Every read first recovers an interrupted change
 * (engine/registry/recover.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackError } from '../errors';
import type { Manifest } from '../manifest/model';
import { loadManifest } from '../manifest/load';
import { byNameThenVersion, formatIndexLines, type IndexEntry, IndexLines } from './index-lines';
import { packIntegrity } from './integrity';
import { withLock } from '../fs/lock';
import { lockFile, packFolderName, packsDir, parsePackFolderName, scratchName, scratchPid } from './paths';
import { recoverRegistry, sweepScratch } from './recover';

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

export { lockFile } from './paths';

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

/** Pack folders on disk, by folder name. Only slow paths list the folder, so it also sweeps dead writers' scratch. */
function listFolders(home: string): Map<string, { name: string; version: string }> {
  const out = new Map<string, { name: string; version: string }>();
  let names: string[];
  try {
    names = readdirSync(packsDir(home));
  } catch {
    return out;
  }
  const scratch: string[] = [];
  for (const f of names) {
    const parsed = parsePackFolderName(f);
    if (parsed) out.set(f, parsed);
    else if (scratchPid(f) !== null) scratch.push(f);
  }
  if (scratch.length) sweepScratch(home, scratch);
  return out;
}

/** The bytes of an index holding `packs`, and the stamp they carry. */
export function formatIndex(packs: IndexEntry[]): { text: string; stamp: string } {
  const stamp = randomBytes(8).toString('hex');
  return { text: formatIndexLines({ version: INDEX_VERSION, stamp }, packs), stamp };
}

/** The LocalIndex an index written from `formatIndex` reads as. */
export function indexOf(stamp: string, packs: IndexEntry[]): LocalIndex {
  return inMemory(stamp, packs);
}

/** Writes the index atomically (temp + rename; no temp left on failure). Call under the lock. Only for a rebuild: changes go through a transaction. */
function writeIndex(home: string, packs: IndexEntry[]): LocalIndex {
  mkdirSync(packsDir(home), { recursive: true });
  const { text, stamp } = formatIndex(packs);
  const tmp = join(packsDir(home), scratchName('.jsonl'));
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, indexFile(home));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return inMemory(stamp, packs);
}

/** Rebuilds and writes the index from the folders (see `rebuildEntries`). Call under the lock. */
export function rebuildIndex(home: string, old: IndexEntry[] = []): LocalIndex {
  return writeIndex(home, rebuildEntries(home, old));
}

/**
 * The entries the folders on disk call for, keeping entries (explicit flag, integrity) of folders
 * that are still there and parsing manifests only of folders the old index does not know.
 */
function rebuildEntries(home: string, old: IndexEntry[]): IndexEntry[] {
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
  return packs;
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
  recoverRegistry(home);
  if (!existsSync(packsDir(home))) return inMemory('empty', []);
  const parsed = readIndexFile(home);
  if (parsed && matchesFolders(home, parsed)) return parsed;
  try {
    const index = withLock(
      lockFile(home),
      () => {
        // Another process may have rebuilt it while we waited.
        const again = readIndexFile(home);
        if (again && matchesFolders(home, again)) return again;
        const entries = rebuildEntries(home, safeEntries(again ?? parsed));
        // Nothing installed and no index yet (a first install was killed): write nothing.
        if (entries.length === 0 && !again && !existsSync(indexFile(home))) return inMemory('empty', []);
        return writeIndex(home, entries);
      },
      { what: `into the local registry ${packsDir(home)}` },
    );
    return index;
  } catch (err) {
    // A full or read-only disk: read what the folders hold without saving it (the next writer does).
    if (err instanceof PackError || !(err as NodeJS.ErrnoException).code) throw err;
    const current = readIndexFile(home);
    return inMemory(`unsaved-${randomBytes(8).toString('hex')}`, rebuildEntries(home, safeEntries(current ?? parsed)));
  }
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

/** The entries of the registry as they are on disk: the index when it matches the folders, else rebuilt in memory. Call under the lock. */
export function currentEntries(home: string): IndexEntry[] {
  const current = readIndexFile(home);
  return current && matchesFolders(home, current) ? current.packs : rebuildEntries(home, safeEntries(current));
}
