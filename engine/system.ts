/**
 * The installation as a whole: the configuration check the CLI runs before every verb (bad
 * environment values and a bad `$GGEN_HOME/config.toml` are a ConfigError, exit 8), what
 * `ggen-pack info --system` reports, and which cache folder `clean` may remove.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { cacheDirFor, codeCacheDir, engineConfig, environmentProblems, packsDirFor, queryCacheDir } from './config';
import { ConfigError } from './errors';
import { formatBytes } from './fs/free-space';
import { configFile, configuredRegistries } from './registry/remote-config';
import { ENGINE_VERSION, GGEN_PACK_FORMAT_VERSION } from './version';

export { cacheDirFor, packsDirFor } from './config';

/**
 * Throws a ConfigError (exit 8) when an environment value is bad (GGEN_REGISTRY_URL, GGEN_TELEMETRY,
 * GGEN_QUERY_TIMEOUT_MS) or `<home>/config.toml` does not parse or holds a wrong value.
 */
export function checkConfiguration(env: NodeJS.ProcessEnv, home: string): void {
  const problems = environmentProblems(env);
  if (problems.length > 0) {
    throw new ConfigError(problems.map((p) => `${p.variable}=${JSON.stringify(p.value)} ${p.message}`).join('; '), {
      hint: problems.map((p) => p.hint).join(' '),
    });
  }
  configuredRegistries(home);
}

export interface SystemRegistry {
  name: string;
  url: string;
  /** Where it is configured: `GGEN_REGISTRY_URL` or the config.toml path. */
  from: string;
  /** GGEN_REGISTRY_URL's registry is the default one. */
  default: boolean;
}

export interface ByteSize {
  bytes: number;
  /** e.g. "1.2 MB". */
  size: string;
}

export interface SystemInfo {
  engineVersion: string;
  /** The ggen pack format this engine implements (what `min_ggen_version` is checked against). */
  packFormatVersion: string;
  node: string;
  platform: string;
  arch: string;
  home: string;
  packsDir: string;
  /** `GGEN_PACKS_DIR` when set, else `default`. */
  packsDirFrom: 'GGEN_PACKS_DIR' | 'default';
  cacheDir: string;
  cacheDirFrom: 'GGEN_CACHE_DIR' | 'default';
  /** Bytes (and human-readable size) of the V8 code cache (`<cache>/v8`), the SPARQL answers (`<cache>/sparql`) and both. */
  cache: { bytes: number; size: string; v8: ByteSize; sparql: ByteSize };
  configFile: string;
  configFileExists: boolean;
  /** GGEN_REGISTRY_URL first (the default), then config.toml's [registries]; none is queried by this version. */
  registries: SystemRegistry[];
  defaultRegistry: string | null;
  /** Packs never sends telemetry; `requested` is GGEN_TELEMETRY as given (accepted and ignored). */
  telemetry: { enabled: false; requested: string | null; note: string };
}

/** Bytes of the files under `dir` (0 when it does not exist). */
export function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    try {
      total += statSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
    } catch {
      /* vanished */
    }
  }
  return total;
}

const sized = (bytes: number): ByteSize => ({ bytes, size: formatBytes(bytes) });

/** What `ggen-pack info --system` reports, for the configuration in force. */
export function systemInfo(): SystemInfo {
  const config = engineConfig();
  const home = config.home;
  const v8 = bytesUnder(codeCacheDir(config));
  const sparql = bytesUnder(queryCacheDir(config));
  const file = configFile(home);
  const registries: SystemRegistry[] = [];
  if (config.registryUrl) registries.push({ name: 'default', url: config.registryUrl, from: 'GGEN_REGISTRY_URL', default: true });
  for (const [name, url] of Object.entries(configuredRegistries(home))) registries.push({ name, url, from: file, default: false });
  return {
    engineVersion: ENGINE_VERSION,
    packFormatVersion: GGEN_PACK_FORMAT_VERSION,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    home,
    packsDir: packsDirFor(home, config),
    packsDirFrom: config.packsDir !== null ? 'GGEN_PACKS_DIR' : 'default',
    cacheDir: cacheDirFor(home, config),
    cacheDirFrom: config.cacheDir !== null ? 'GGEN_CACHE_DIR' : 'default',
    cache: { ...sized(v8 + sparql), v8: sized(v8), sparql: sized(sparql) },
    configFile: file,
    configFileExists: existsSync(file),
    registries,
    defaultRegistry: config.registryUrl,
    telemetry: {
      enabled: false,
      requested: config.telemetry,
      note:
        config.telemetry === null
          ? 'Packs never sends telemetry'
          : `Packs never sends telemetry; GGEN_TELEMETRY=${config.telemetry} is accepted and ignored`,
    },
  };
}

/** Whether `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The cache folder of `home` that `clean` may remove. A GGEN_CACHE_DIR that is the file-system root,
 * or `$GGEN_HOME`, the user's home or the packs folder, or a parent of one of them, is refused
 * (ConfigError): removing it would remove more than caches.
 */
export function removableCacheDir(home: string): string {
  const config = engineConfig();
  const dir = resolve(cacheDirFor(home, config));
  const guarded = [
    ['$GGEN_HOME', resolve(home)],
    ['your home folder', resolve(config.userHome)],
    ['the installed packs', resolve(packsDirFor(home, config))],
  ] as const;
  const hit = dir === dirname(dir) ? 'the file-system root' : guarded.find(([, g]) => within(g, dir))?.[0];
  if (hit) {
    throw new ConfigError(`The cache folder ${dir} is or holds ${hit}; nothing was removed`, {
      hint: 'Point GGEN_CACHE_DIR at a folder of its own (e.g. ~/.ggen/cache), not at $GGEN_HOME, your home or the packs folder.',
    });
  }
  return dir;
}
