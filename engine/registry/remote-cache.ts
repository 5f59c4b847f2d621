/**
 * What the engine keeps of remote registries, under the cache folder (`cacheDirFor`), so everything
 * fetched once keeps working offline:
 *
 *     <cache>/registries/<host_port_path>/
 *       packuments/<name>.json   the metadata of a package as last fetched (trimmed to what packs use)
 *       search.json              the last answers to searches, by query text
 *       packs/<name>@<version>/  verified, extracted packs: the remote source's pack folders
 *       .tmp-<pid>-<hex>/        an extraction in progress; a dead process's is swept by the next run
 *
 * Every file is written to a temp name and renamed, every pack folder extracted into a temp folder and
 * renamed, so a kill leaves the old state or the new one, never half a pack.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirFor } from '../config';
import { processAlive } from '../fs/process-alive';
import type { Packument } from './npm-client';
import { packFolderName } from './paths';

/** `http://127.0.0.1:4873/` → `127.0.0.1_4873`: one folder per registry, so two registries never mix. */
export function registryKey(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `_${u.port}` : ''}${u.pathname.replace(/\/+$/, '')}`.replace(/[^A-Za-z0-9.-]+/g, '_');
}

export const registryCacheDir = (home: string, url: string) => join(cacheDirFor(home), 'registries', registryKey(url));
export const remotePacksDir = (home: string, url: string) => join(registryCacheDir(home, url), 'packs');
export const remotePackDir = (home: string, url: string, name: string, version: string) =>
  join(remotePacksDir(home, url), packFolderName(name, version));
const packumentFile = (home: string, url: string, name: string) =>
  join(registryCacheDir(home, url), 'packuments', `${name.replace('/', '+')}.json`);

/** A packument as cached, with when it was fetched (for the offline message). */
export interface CachedPackument {
  fetchedAt: string;
  packument: Packument;
}

/** Write `data` to `file` atomically; a cache that cannot be written is not an error (the next run fetches again). */
function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Only what packs use: dist, ggenPack and the summary fields of each version (a packument can be megabytes). */
function trim(p: Packument): Packument {
  const versions: Packument['versions'] = {};
  for (const [v, m] of Object.entries(p.versions ?? {})) {
    versions[v] = {
      name: m.name,
      version: m.version,
      description: m.description,
      keywords: m.keywords,
      dist: m.dist,
      ggenPack: m.ggenPack,
    };
  }
  return { name: p.name, 'dist-tags': p['dist-tags'] ?? {}, versions, ...(p.time && { time: p.time }) };
}

export function savePackument(home: string, url: string, p: Packument): void {
  const entry: CachedPackument = { fetchedAt: new Date().toISOString(), packument: trim(p) };
  writeAtomic(packumentFile(home, url, p.name), JSON.stringify(entry));
}

export const cachedPackument = (home: string, url: string, name: string): CachedPackument | null =>
  readJson<CachedPackument>(packumentFile(home, url, name));

/** Every packument cached for `url` (the offline view of a registry). */
export function cachedPackuments(home: string, url: string): CachedPackument[] {
  const dir = join(registryCacheDir(home, url), 'packuments');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const e = readJson<CachedPackument>(join(dir, n));
    return e ? [e] : [];
  });
}

export interface CachedSearch {
  fetchedAt: string;
  names: { name: string; version: string; description: string; keywords: string[] }[];
}

const searchFile = (home: string, url: string) => join(registryCacheDir(home, url), 'search.json');

export function saveSearch(home: string, url: string, text: string, hits: CachedSearch['names']): void {
  const all = readJson<Record<string, CachedSearch>>(searchFile(home, url)) ?? {};
  all[text] = { fetchedAt: new Date().toISOString(), names: hits };
  // Bounded: the 50 most recent queries.
  const kept = Object.entries(all)
    .sort((a, b) => b[1].fetchedAt.localeCompare(a[1].fetchedAt))
    .slice(0, 50);
  writeAtomic(searchFile(home, url), JSON.stringify(Object.fromEntries(kept)));
}

export const cachedSearch = (home: string, url: string, text: string): CachedSearch | null =>
  readJson<Record<string, CachedSearch>>(searchFile(home, url))?.[text] ?? null;

/** A new extraction folder `<registry>/.tmp-<pid>-<hex>` (swept by `sweepRemoteScratch` once its process is dead). */
export function newScratch(home: string, url: string): string {
  const dir = join(registryCacheDir(home, url), `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Remove the extraction folders of dead processes (a kill -9 during a download leaves one). */
export function sweepRemoteScratch(home: string): void {
  const root = join(cacheDirFor(home), 'registries');
  let regs: string[];
  try {
    regs = readdirSync(root);
  } catch {
    return;
  }
  for (const r of regs) {
    let names: string[];
    try {
      names = readdirSync(join(root, r));
    } catch {
      continue;
    }
    for (const n of names) {
      const m = /^\.tmp-(\d+)-[0-9a-f]+$/.exec(n);
      if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(root, r, n), { recursive: true, force: true });
    }
  }
}
