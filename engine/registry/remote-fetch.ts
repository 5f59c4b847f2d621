/**
 * One command's conversation with the remote registries: packuments fetched at most once per run
 * and cached (remote-cache.ts), a registry that does not answer replaced by its cache with a message
 * saying what needed the network, and packs downloaded, verified and extracted into the cache:
 *
 * 1. the tarball is checked against the registry's `dist.integrity` (sha512) as it is read;
 * 2. it is read in memory by the safe reader (npm-tarball.ts: no links, no `..`, caps);
 * 3. its files must be exactly those of the registry's `ggenPack.files`, each with its SHA-256, and
 *    their pack integrity must be `ggenPack.integrity`;
 * 4. only then is it written, into a scratch folder renamed into place.
 *
 * A failure at any step leaves no folder behind (the scratch folder is removed; a kill leaves one
 * that the next run sweeps) and the local registry untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import type { PackSummary } from '../../protocol';
import { engineConfig } from '../config';
import { NetworkError, ValidationError } from '../errors';
import { integrityOfFiles, listPackFiles } from './integrity';
import type { NpmCallOptions, Packument, SearchObject } from './npm-client';
import { ggenPackOf, PACK_KEYWORD, type GgenPackMeta } from './npm-package';
import { readPackTarball } from './npm-tarball';
import { npmOptions } from './npmrc';
import {
  cachedPackument,
  cachedPackuments,
  cachedSearch,
  newScratch,
  saveSearch,
  remotePackDir,
  remotePacksDir,
  savePackument,
  sweepRemoteScratch,
} from './remote-cache';
import { registryFor, registrySetup, registryUrls, type RegistrySetup } from './remote-config';

// npm's client libraries are their own bundle (dist/npm-client.js), loaded on the first network call.
const npm = () => require('./npm-client') as typeof import('./npm-client');

const isUnreachable = (err: unknown) => (err as { unreachable?: unknown }).unreachable === true;

export interface RemoteSessionOptions {
  /** `--registry <url>`: the one registry for this run. */
  registry?: string | undefined;
  /** `--token`: auth for the registry of this run, over .npmrc. */
  token?: string | undefined;
  log?: ((message: string) => void) | undefined;
}

/** A remote pack version the session knows of (from a packument, fetched or cached). */
export interface RemoteVersion {
  name: string;
  version: string;
  registry: string;
  meta: GgenPackMeta;
  description: string;
  integrity: string | null;
  tarball: string | null;
}

export class RemoteSession {
  readonly setup: RegistrySetup;
  readonly home: string;
  private readonly packuments = new Map<string, Promise<Packument | null>>();
  private readonly warned = new Set<string>();
  /** Registries that did not answer this run (the CLI names them, and what needed them). */
  readonly unreachable = new Set<string>();
  private readonly log: (m: string) => void;

  constructor(
    home: string,
    private readonly opts: RemoteSessionOptions = {},
  ) {
    this.home = home;
    this.setup = registrySetup(home, opts.registry);
    this.log = opts.log ?? (() => {});
    sweepRemoteScratch(home);
  }

  get configured(): boolean {
    return this.setup.registries.length > 0;
  }

  urls(): string[] {
    return registryUrls(this.setup);
  }

  callOptions(registry: string): NpmCallOptions {
    const c = engineConfig();
    return {
      registry,
      timeoutMs: c.registryTimeoutMs,
      retries: c.registryRetries,
      npmConfig: npmOptions(),
      token: this.opts.token,
      nodeHttpAgents: c.nodeHttpAgents,
    };
  }

  /** Say once per registry that it is offline and what came from the cache instead. */
  offline(registry: string, err: unknown, what: string): void {
    this.unreachable.add(registry);
    const key = `${registry}\0${what}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log(`warning: ${(err as Error).message}; ${what}`);
  }

  /** The packument of `name` from its registry, else the cached copy (with a warning), else null. */
  packument(name: string): Promise<Packument | null> {
    const registry = registryFor(this.setup, name);
    if (!registry) return Promise.resolve(null);
    let p = this.packuments.get(name);
    if (!p) {
      p = (async () => {
        try {
          const fresh = await npm().getPackument(name, this.callOptions(registry));
          if (fresh) savePackument(this.home, registry, fresh);
          return fresh;
        } catch (err) {
          if (!isUnreachable(err)) throw err;
          const cached = cachedPackument(this.home, registry, name);
          this.offline(
            registry,
            err,
            cached
              ? `using the cached metadata of ${name} from ${cached.fetchedAt} (versions published since need the network)`
              : `${name} was never fetched from it, so what it offers of ${name} needs the network`,
          );
          return cached?.packument ?? null;
        }
      })();
      this.packuments.set(name, p);
    }
    return p;
  }

  /** Every version of `name` on its registry that is a pack (has our `ggenPack` field), newest first. */
  async versions(name: string): Promise<RemoteVersion[]> {
    const p = await this.packument(name);
    const registry = registryFor(this.setup, name);
    if (!p || !registry) return [];
    return Object.entries(p.versions ?? {})
      .flatMap(([version, v]): RemoteVersion[] => {
        const meta = ggenPackOf(v);
        if (!meta || semver.valid(version) === null) return [];
        return [
          {
            name,
            version,
            registry,
            meta,
            description: typeof v.description === 'string' ? v.description : '',
            integrity: v.dist?.integrity ?? null,
            tarball: v.dist?.tarball ?? null,
          },
        ];
      })
      .sort((a, b) => semver.rcompare(a.version, b.version));
  }

  /** The extracted, verified copy of `v` in the cache (downloaded now if it is not there yet). */
  async materialize(v: RemoteVersion): Promise<string> {
    const dir = remotePackDir(this.home, v.registry, v.name, v.version);
    if (existsSync(dir)) return dir;
    const what = `${v.name}@${v.version} from ${v.registry}`;
    if (!v.integrity || !/^sha512-/.test(v.integrity) || !v.tarball) {
      throw new ValidationError(
        `${what} has no sha512 dist.integrity (or no tarball) in the registry's metadata; refusing to install it unverified`,
        {
          hint: 'Republish it with ggen-pack publish (or npm ≥ 5), which records a sha512 integrity.',
        },
      );
    }
    let bytes: Buffer;
    try {
      bytes = await npm().getTarball(v.tarball, v.integrity, this.callOptions(v.registry), `${v.name}@${v.version}`);
    } catch (err) {
      if (isUnreachable(err)) {
        this.unreachable.add(v.registry);
        throw new NetworkError(
          `${(err as Error).message}; downloading ${v.name}@${v.version} needs the network, and it was never downloaded before`,
          {
            hint: 'Try again when the registry is reachable; nothing was installed.',
            cause: err,
          },
        );
      }
      throw err;
    }
    const files = readPackTarball(bytes, what);
    const pkg = files.find((f) => f.path === 'package.json');
    const body = files.filter((f) => f.path !== 'package.json');
    verifyFiles(what, v, pkg?.data, body);
    const scratch = newScratch(this.home, v.registry);
    try {
      const root = join(scratch, 'pack');
      mkdirSync(root);
      for (const f of body) {
        const target = join(root, f.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, f.data, { mode: f.mode || 0o644 });
      }
      const integrity = integrityOfFiles(listPackFiles(root));
      if (integrity !== v.meta.integrity) {
        throw new ValidationError(`${what}: the extracted pack's integrity ${integrity} is not the published ${v.meta.integrity}`, {
          hint: 'The package was changed after it was published; nothing was installed.',
        });
      }
      mkdirSync(remotePacksDir(this.home, v.registry), { recursive: true });
      try {
        renameSync(root, dir);
      } catch (err) {
        // Another process extracted the same version meanwhile: theirs is as verified as ours.
        if (!existsSync(dir)) throw err;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return dir;
  }

  /**
   * The pack packages each registry offers for `query` (up to `size`), for the caller to rank:
   * `keywords:ggen-pack <query>` first (npmjs filters by keyword); when that finds nothing, the
   * registry's whole list (Verdaccio's search ignores `keywords:` and matches names only), filtered by
   * keyword here. A registry that does not answer gives its last answer to the same query, else
   * every pack fetched from it before — with a warning saying what needed the network.
   */
  async search(query: string, size = 250): Promise<PackSummary[]> {
    const q = query.trim();
    const perRegistry = await Promise.all(
      this.urls().map(async (registry): Promise<PackSummary[]> => {
        const isPack = (h: SearchObject) => (h.keywords ?? []).includes(PACK_KEYWORD);
        try {
          const o = this.callOptions(registry);
          let hits = (await npm().search(`keywords:${PACK_KEYWORD}${q ? ` ${q}` : ''}`, size, o)).filter(isPack);
          if (hits.length === 0) hits = (await npm().search('', size, o)).filter(isPack);
          const rows = hits.map((h) => ({
            name: h.name,
            version: h.version,
            description: h.description ?? '',
            keywords: h.keywords ?? [],
          }));
          saveSearch(this.home, registry, q, rows);
          return rows.map((h) => this.searchSummary(registry, h));
        } catch (err) {
          if (!isUnreachable(err)) throw err;
          const cached = cachedSearch(this.home, registry, q);
          if (cached) {
            this.offline(registry, err, `showing its cached answer from ${cached.fetchedAt} (packs published since need the network)`);
            return cached.names.map((h) => this.searchSummary(registry, h));
          }
          const known = cachedPackuments(this.home, registry);
          this.offline(
            registry,
            err,
            known.length
              ? `showing the ${known.length} pack(s) fetched from it before (a full search of it needs the network)`
              : 'nothing was fetched from it before, so its packs need the network',
          );
          return known.flatMap((c) => {
            const latest = c.packument['dist-tags']?.latest;
            const v = latest ? c.packument.versions[latest] : undefined;
            const meta = ggenPackOf(v);
            return meta && latest
              ? [
                  this.searchSummary(registry, {
                    name: c.packument.name,
                    version: latest,
                    description: typeof v?.description === 'string' ? v.description : '',
                    keywords: [],
                  }),
                ]
              : [];
          });
        }
      }),
    );
    return perRegistry.flat();
  }

  /** A search hit as a summary; title, category and tags from the cached packument when it has that version. */
  private searchSummary(registry: string, h: { name: string; version: string; description: string; keywords: string[] }): PackSummary {
    const meta = ggenPackOf(cachedPackument(this.home, registry, h.name)?.packument.versions[h.version]);
    return {
      name: h.name,
      version: h.version,
      title: meta?.title ?? null,
      description: h.description,
      category: meta?.category ?? 'custom',
      tags: meta?.tags ?? h.keywords.filter((k) => k !== PACK_KEYWORD),
      source: 'remote',
      installed: false,
      registry,
    };
  }
}

/** The registry's file list (with SHA-256s), not the tarball's own claim, decides what a pack is. */
function verifyFiles(what: string, v: RemoteVersion, pkgJson: Buffer | undefined, files: { path: string; data: Buffer }[]): void {
  const bad = (msg: string) =>
    new ValidationError(`${what}: ${msg}`, {
      hint: 'The package was changed after it was published (or was not made by ggen-pack publish); nothing was installed.',
    });
  if (!pkgJson) throw bad('the tarball has no package.json');
  let pkg: { name?: unknown; version?: unknown };
  try {
    pkg = JSON.parse(pkgJson.toString('utf8')) as typeof pkg;
  } catch {
    throw bad("the tarball's package.json is not JSON");
  }
  if (pkg.name !== v.name || pkg.version !== v.version) throw bad(`the tarball holds ${String(pkg.name)}@${String(pkg.version)}`);
  const want = v.meta.files;
  const seen = new Set<string>();
  for (const f of files) {
    const sum = want[f.path];
    if (sum === undefined) throw bad(`the tarball has a file the registry does not list: ${f.path}`);
    if (createHash('sha256').update(f.data).digest('hex') !== sum) throw bad(`SHA-256 mismatch for ${f.path}`);
    seen.add(f.path);
  }
  const missing = Object.keys(want).filter((p) => !seen.has(p));
  if (missing.length) throw bad(`the tarball lacks ${missing.length} listed file(s), e.g. ${missing[0]}`);
}
