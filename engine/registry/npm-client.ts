/**
 * The network half of remote registries, on npm's own client libraries (npm-registry-fetch for
 * metadata, search and tarballs, libnpmpublish for uploads), so auth, proxies, retries and TLS behave
 * exactly as they do for npm. Packuments are fetched the way pacote's registry fetcher does it (one
 * npm-registry-fetch GET of the escaped name); pacote itself is not loaded: it brings git, run-script
 * and arborist-facing code that takes ~430 ms to load here, more than a whole install from Verdaccio. It is its own bundle, `dist/npm-client.js` (esbuild.mjs
 * `lazy-npm`), required on the first network call: list, search of local packs and generate never
 * load it. Everything else (caching, verification, extraction) lives in the main bundle, so this file
 * stays a thin translation of npm's errors into PackErrors.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import fetch from 'npm-registry-fetch';
import { NetworkError, NotFoundError, PermissionError, ValidationError } from '../errors';

/** What every call needs: where, how long, how often to retry, and npm's own options (auth from .npmrc / NPM_CONFIG_*). */
export interface NpmCallOptions {
  registry: string;
  timeoutMs: number;
  retries: number;
  /** `.npmrc` / `NPM_CONFIG_*` keys (`//host/:_authToken`, `proxy`, …), passed to npm-registry-fetch as they are. */
  npmConfig: Record<string, string>;
  /** `--token`: used for this registry whatever .npmrc says. */
  token?: string | undefined;
  /** Node's http/https agents instead of npm's (engine/config.ts `nodeHttpAgents`). */
  nodeHttpAgents?: boolean;
}

/** The parts of a packument the engine reads (full metadata: our `ggenPack` field lives in each version). */
export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Record<string, unknown> & { dist?: { tarball?: string; integrity?: string; shasum?: string } | undefined }>;
  time?: Record<string, string>;
}

export interface SearchObject {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  date?: string;
}

/** Codes npm's fetch stack uses when the registry could not be reached (as opposed to answering "no"). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ERR_SOCKET_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'FETCH_ERROR',
]);

/** Marks a NetworkError that means "not reachable now", so callers fall back to the cache. */
export class UnreachableError extends NetworkError {
  readonly unreachable = true;
}

/** Node's own agents (keep-alive), one per protocol, for `nodeHttpAgents` (see engine/config.ts). */
let nodeAgents: { http: http.Agent; https: https.Agent } | undefined;
const nodeAgentFor = (url: URL): http.Agent => {
  nodeAgents ??= { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return url.protocol === 'https:' ? nodeAgents.https : nodeAgents.http;
};

function options(o: NpmCallOptions): Record<string, unknown> {
  return {
    ...o.npmConfig,
    ...(o.nodeHttpAgents ? { agent: nodeAgentFor } : {}),
    registry: o.registry,
    timeout: o.timeoutMs,
    // Transient failures (resets, refusals, 5xx, 429) are retried with exponential backoff; short
    // waits, because a registry that is down should fall back to the cache quickly.
    retry: { retries: o.retries, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    ...(o.token ? { forceAuth: { token: o.token } } : {}),
    // We keep our own cache (remote-cache.ts): npm's HTTP cache under ~/.npm would be a second copy.
    cache: undefined,
    preferOnline: true,
    fullMetadata: true,
    headers: { 'user-agent': 'ggen-pack' },
  };
}

/** A PackError for what npm's stack threw; `what` says what was being done ("fetching x from URL"). */
export function translate(err: unknown, what: string, registry: string): Error {
  const e = err as { code?: string; statusCode?: number; type?: string; message?: string; body?: unknown };
  const code = e.code ?? '';
  if (code === 'EINTEGRITY') {
    return new ValidationError(`Integrity check failed while ${what}: the tarball does not match the registry's dist.integrity`, {
      hint: 'The tarball was changed after it was published (or damaged in transit); nothing was installed. Tell the pack owner.',
      cause: err,
    });
  }
  if (e.statusCode === 401 || e.statusCode === 403 || code === 'E401' || code === 'E403' || code === 'ENEEDAUTH') {
    return new PermissionError(`The registry ${registry} refused ${what} (${e.statusCode ?? code}: ${firstLine(e.message)})`, {
      hint: 'Log in: pass --token <token>, or add `//host/:_authToken=…` to ~/.npmrc (or NPM_CONFIG_USERCONFIG).',
      cause: err,
    });
  }
  if (UNREACHABLE.has(code) || e.type === 'request-timeout' || e.type === 'body-timeout' || e.type === 'system') {
    return new UnreachableError(`The registry ${registry} did not answer while ${what} (${code || e.type})`, {
      hint: 'Check the address and your network; what was fetched before keeps working from the cache.',
      cause: err,
    });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) {
    return new UnreachableError(`The registry ${registry} failed while ${what} (HTTP ${e.statusCode})`, {
      hint: 'The registry has a problem; try again later. What was fetched before keeps working from the cache.',
      cause: err,
    });
  }
  return new NetworkError(`The registry ${registry} answered an error while ${what}: ${firstLine(e.message)}`, {
    hint: 'Check the registry address (--registry or [registries] in $GGEN_HOME/config.toml).',
    cause: err,
  });
}

const firstLine = (m: string | undefined) => (m ?? '').split('\n')[0]!;

const isNotFound = (err: unknown) => {
  const e = err as { code?: string; statusCode?: number };
  return e.code === 'E404' || e.statusCode === 404;
};

/** The packument of `name`, null when the registry has no such package. */
export async function getPackument(name: string, o: NpmCallOptions): Promise<Packument | null> {
  try {
    // pacote's RegistryFetcher: GET <registry>/<escaped name>, full metadata (our ggenPack field is in each version).
    return (await fetch.json(`/${name.replace('/', '%2f')}`, {
      ...options(o),
      headers: { 'user-agent': 'ggen-pack', accept: 'application/json' },
      spec: name,
    })) as unknown as Packument;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw translate(err, `fetching the metadata of ${name}`, o.registry);
  }
}

/** The tarball at `url`, verified against `integrity` (sha512 SRI) as it is read: a mismatch throws. */
export async function getTarball(url: string, integrity: string, o: NpmCallOptions, name: string): Promise<Buffer> {
  try {
    const res = await fetch(url, { ...options(o), integrity });
    return await res.buffer();
  } catch (err) {
    throw translate(err, `downloading ${name} (${url})`, o.registry);
  }
}

/** Any file over http(s) with npm's fetch (for `install --source <url>`). */
export async function getUrl(url: string, o: NpmCallOptions): Promise<Buffer> {
  try {
    const res = await fetch(url, options(o));
    return await res.buffer();
  } catch (err) {
    if (isNotFound(err)) return Promise.reject(new NotFoundError(`${url} answered 404 Not Found`, { hint: 'Check the address.' }));
    throw translate(err, `downloading ${url}`, o.registry);
  }
}

/**
 * One page of `/-/v1/search` for `text` (the registry's own ranking; callers filter by keyword).
 * npmjs puts the version in `package.version`; Verdaccio 6 only in `dist-tags.latest`.
 */
export async function search(text: string, size: number, o: NpmCallOptions): Promise<SearchObject[]> {
  try {
    const res = (await fetch.json('/-/v1/search', { ...options(o), query: { text, size } })) as {
      objects?: { package?: Partial<SearchObject> & { 'dist-tags'?: Record<string, string> } }[];
    };
    return (res.objects ?? []).flatMap((x): SearchObject[] => {
      const p = x.package;
      const version = p?.version ?? p?.['dist-tags']?.latest;
      if (!p || typeof p.name !== 'string' || typeof version !== 'string') return [];
      return [
        {
          name: p.name,
          version,
          description: typeof p.description === 'string' ? p.description : '',
          keywords: Array.isArray(p.keywords) ? p.keywords.filter((k): k is string => typeof k === 'string') : [],
          ...(typeof p.date === 'string' && { date: p.date }),
        },
      ];
    });
  } catch (err) {
    throw translate(err, `searching for "${text}"`, o.registry);
  }
}

/** Upload `tarball` with its package.json `manifest` under dist-tag `tag`. */
export async function publishTarball(manifest: Record<string, unknown>, tarball: Buffer, tag: string, o: NpmCallOptions): Promise<void> {
  try {
    // Required here, not at the top: libnpmpublish brings sigstore (provenance), ~75 ms of loading that only publish needs.
    const { publish } = require('libnpmpublish') as typeof import('libnpmpublish');
    await publish(manifest as never, tarball, { ...options(o), defaultTag: tag, access: 'public' } as never);
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    if (e.statusCode === 409 || e.code === 'EPUBLISHCONFLICT' || e.code === 'E409') {
      return Promise.reject(
        new ValidationError(`${String(manifest.name)}@${String(manifest.version)} is already published on ${o.registry}`, {
          hint: 'A published version never changes: bump [metadata].version (and add its CHANGELOG entry), then publish again.',
          cause: err,
        }),
      );
    }
    throw translate(err, `publishing ${String(manifest.name)}@${String(manifest.version)}`, o.registry);
  }
}
