/**
 * The registry verbs with remote registries in the picture: each fetches what it will read first
 * (remote-store.ts: packuments, then the packs it needs downloaded and verified into the cache), then
 * runs the existing, synchronous engine code on a store that includes them — the resolver, the
 * install transaction (engine/registry/transaction.ts), update, show, tree and diff do not change.
 * So a failed download or verification happens before the transaction starts: the local index is
 * never touched and no staging folder exists yet.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { cacheDirFor } from '../config';
import { NetworkError } from '../errors';
import { loadManifest } from '../manifest/load';
import { installFromArchive, type ArchiveInstallOptions, type ArchiveInstallResult } from '../archive/install-archive';
import { updatePacks, type UpdateResult } from '../update';
import { installPack, type InstallOptions, type InstallResult } from './install';
import { RemoteSession, type RemoteSessionOptions } from './remote-fetch';
import { openRemoteStore, type RemoteStore } from './remote-store';
import { isPathArg, splitNameRange } from './resolve-arg';
import { normalizeRange, openStore, type RegistryStore } from './store';
import type { SourceFilter } from './types';

const npm = () => require('./npm-client') as typeof import('./npm-client');

export interface RemoteOptions extends RemoteSessionOptions {
  /** Tests: the catalog folder. */
  bundledDir?: string | null;
}

/**
 * A store for a verb that reads `arg` (a pack name, `name@range`, or a path): the pack and, with
 * `dependencies`, its dependency closure fetched from the registries first. A path's own
 * dependencies are fetched too.
 */
export async function storeFor(
  home: string,
  cwd: string,
  arg: string | undefined,
  range: string | undefined,
  opts: RemoteOptions & { dependencies?: boolean; source?: SourceFilter; extra?: { name: string; range?: string }[] } = {},
): Promise<RemoteStore> {
  const want: { name: string; range?: string | undefined }[] = [...(opts.extra ?? [])];
  if (arg !== undefined) {
    if (isPathArg(arg, cwd)) {
      for (const d of loadManifest(resolve(cwd, arg)).manifest?.dependencies ?? [])
        if (!d.optional) want.push({ name: d.name, range: d.version });
    } else {
      const parts = splitNameRange(arg);
      want.push({ name: parts.name, range: parts.range ?? range });
    }
  }
  return openRemoteStore(home, {
    ...opts,
    want,
    dependencies: opts.dependencies ?? false,
    ...(opts.bundledDir !== undefined && { bundledDir: opts.bundledDir }),
  });
}

/** When nothing offers `name` and a registry did not answer: a NetworkError (exit 5) saying what needed the network. */
function offlineMiss(r: RemoteStore, name: string, range: string | undefined, source: SourceFilter | undefined): void {
  const parts = splitNameRange(name);
  if (r.session.unreachable.size === 0) return;
  if (r.store.find(parts.name, normalizeRange(parts.range ?? range), source ?? 'all')) return;
  throw new NetworkError(
    `${parts.name}${(parts.range ?? range) ? `@${parts.range ?? range}` : ''} needs the network: ${[...r.session.unreachable].join(', ')} did not answer, and no copy of it was fetched before`,
    { hint: 'Try again when the registry is reachable (or install from a bundle: `ggen-pack import <file>`); nothing was installed.' },
  );
}

/** `install <pack>` across the local registry, the catalog and the remote registries. */
export async function installFromRegistries(
  home: string,
  name: string,
  range: string | undefined,
  opts: InstallOptions & RemoteOptions = {},
): Promise<InstallResult> {
  const cwd = opts.cwd ?? process.cwd();
  const r = await storeFor(home, cwd, name, range, {
    ...opts,
    dependencies: !opts.noDependencies,
    ...(opts.source && { source: opts.source }),
  });
  if (!isPathArg(name, cwd)) offlineMiss(r, name, range, opts.source);
  return installPack(r.store, name, range, opts);
}

/** `install --source https://…/pack.tgz`: the archive downloaded (npm's fetch: proxies, retries, auth), then installed as a file. */
export async function installFromUrl(
  home: string,
  url: string,
  opts: ArchiveInstallOptions & RemoteOptions = {},
): Promise<ArchiveInstallResult> {
  const scratch = join(cacheDirFor(home), 'registries', 'downloads', `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const session = new RemoteSession(home, opts);
    const base = new URL(url);
    let bytes: Buffer;
    try {
      bytes = await npm().getUrl(url, session.callOptions(`${base.protocol}//${base.host}/`));
    } catch (err) {
      if ((err as { unreachable?: unknown }).unreachable === true) {
        const code = (err as { cause?: { code?: string; type?: string } }).cause;
        throw new NetworkError(
          `${url} could not be downloaded: the server did not answer (${code?.code ?? code?.type ?? 'no answer'}); installing from it needs the network`,
          {
            hint: 'Download it when you are online, then `ggen-pack install --source <file>`.',
            cause: err,
          },
        );
      }
      throw err;
    }
    mkdirSync(scratch, { recursive: true });
    const leaf = base.pathname.split('/').pop() || 'pack.tgz';
    const file = join(scratch, /\.(zip|tgz|tar\.gz|tar)$/i.test(leaf) ? leaf : `${leaf}.tgz`);
    writeFileSync(file, bytes);
    const store = (await storeFor(home, opts.cwd ?? process.cwd(), undefined, undefined, opts)).store;
    const result = await installFromArchive(store, file, opts);
    return { ...result, archive: { ...result.archive, file: url } };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `update`: the newest versions the remote registries offer are fetched first, then updatePacks runs as before. */
export async function updateFromRegistries(
  home: string,
  opts: RemoteOptions & { only?: string | undefined; latest?: boolean; check?: boolean; dryRun?: boolean; log?: (m: string) => void } = {},
): Promise<UpdateResult> {
  const installed = openStore(home, opts.bundledDir !== undefined ? { bundledDir: opts.bundledDir } : {});
  const newest = new Map<string, string>();
  for (const e of installed.localIndex().packs)
    if (e.explicit && (!opts.only || e.name === opts.only) && (!newest.has(e.name) || semver.gt(e.version, newest.get(e.name)!)))
      newest.set(e.name, e.version);
  const extra = [...newest].map(([name, version]) => ({ name, range: opts.latest ? '*' : `^${version}` }));
  const r = await storeFor(home, process.cwd(), undefined, undefined, { ...opts, dependencies: !opts.check, extra });
  return updatePacks(r.store, opts);
}

export type { RegistryStore };
