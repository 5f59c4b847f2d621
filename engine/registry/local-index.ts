/**
 * `$GGEN_HOME/packs/index.json`: what the local registry holds, with the summary fields list and
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
import { packIntegrity } from './integrity';
import { withLock } from './lock';
import { packFolderName, packsDir, parsePackFolderName } from './paths';

export const INDEX_VERSION = 1;

export interface IndexEntry {
  name: string;
  version: string;
  title: string | null;
  description: string;
  category: string;
  tags: string[];
  /** Template aliases (searchable). */
  templates: string[];
  /** name → range, optional ones marked. */
  dependencies: { name: string; range: string; optional: boolean }[];
  integrity: string;
  /** Installed by the user (true) or only as somebody's dependency (false). */
  explicit: boolean;
  /** Where it was installed from ('bundled', 'path:<dir>', …). */
  from: string;
  installedAt: string;
}

export interface LocalIndex {
  version: number;
  /** Changes on every write: keys caches derived from the index (the search index). */
  stamp: string;
  packs: IndexEntry[];
}

export function indexFile(home: string): string {
  return join(packsDir(home), 'index.json');
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

function parseIndex(text: string): LocalIndex | null {
  try {
    const data = JSON.parse(text) as LocalIndex;
    if (data?.version !== INDEX_VERSION || !Array.isArray(data.packs) || typeof data.stamp !== 'string') return null;
    if (!data.packs.every((p) => typeof p?.name === 'string' && typeof p.version === 'string' && Array.isArray(p.tags))) return null;
    return data;
  } catch {
    return null;
  }
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
  const sorted = [...packs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const index: LocalIndex = { version: INDEX_VERSION, stamp: randomBytes(8).toString('hex'), packs: sorted };
  const tmp = `${indexFile(home)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(index));
  renameSync(tmp, indexFile(home));
  return index;
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
      packs.push(entryFromManifest(loaded.manifest, { integrity, explicit: true, from: 'unknown', installedAt: new Date(0).toISOString() }));
    } catch {
      /* not a pack folder: leave it out */
    }
  }
  return writeIndex(home, packs);
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
  if (!existsSync(packsDir(home))) return { version: INDEX_VERSION, stamp: 'empty', packs: [] };
  let text: string | null = null;
  try {
    text = readFileSync(indexFile(home), 'utf8');
  } catch {
    /* missing */
  }
  const parsed = text === null ? null : parseIndex(text);
  if (parsed && matchesFolders(home, parsed)) return parsed;
  return withLock(lockFile(home), () => {
    // Another process may have rebuilt it while we waited.
    let again: LocalIndex | null = null;
    try {
      again = parseIndex(readFileSync(indexFile(home), 'utf8'));
    } catch {
      /* missing */
    }
    if (again && matchesFolders(home, again)) return again;
    return rebuildIndex(home, (again ?? parsed)?.packs ?? []);
  });
}

function matchesFolders(home: string, index: LocalIndex): boolean {
  // Fast path: on file systems that count sub-directories in a directory's link count (ext4, xfs,
  // tmpfs), 2 + one link per pack folder means no folder was added or removed behind our back.
  // Anywhere else (or with stray folders) fall back to comparing the folder names.
  try {
    if (statSync(packsDir(home)).nlink === index.packs.length + 2) return true;
  } catch {
    return false;
  }
  const folders = listFolders(home);
  if (folders.size !== index.packs.length) return false;
  return index.packs.every((e) => folders.has(safeFolder(e)));
}

/** Read-modify-write of the index under the lock. `fn` gets the fresh entries and returns the new ones. */
export function updateIndex(home: string, fn: (packs: IndexEntry[]) => IndexEntry[]): LocalIndex {
  mkdirSync(packsDir(home), { recursive: true });
  return withLock(lockFile(home), () => {
    let current: LocalIndex | null = null;
    try {
      current = parseIndex(readFileSync(indexFile(home), 'utf8'));
    } catch {
      /* missing */
    }
    const base = current && matchesFolders(home, current) ? current.packs : rebuildIndex(home, current?.packs ?? []).packs;
    return writeIndex(home, fn(base));
  });
}
