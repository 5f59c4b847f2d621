/**
 * Where the engine keeps and finds things. The engine reads no environment variable anywhere else:
 * each front end fills this in once at start-up — the CLI and the language server from their
 * environment (`configFromEnvironment`), the extension from its `packs.*` settings — and library
 * callers (tests) that set nothing get `configFromEnvironment(process.env)`.
 * Deliberately dependency-free: the 2 KB launchers import it through the code-cache loader.
 */
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface EngineConfig {
  /** `$GGEN_HOME` (default `~/.ggen`): the local registry, caches and config.toml. */
  home: string;
  /** The bundled catalog folder; null = the `examples/packs` shipped next to the code (`GGEN_BUNDLED_DIR` overrides it). */
  bundledDir: string | null;
  /** The user's home folder, for `~/…` in path arguments. */
  userHome: string;
  /** Scratch space for benchmark runs and for unpacking bundles before they are verified. */
  tmpDir: string;
  /** Whether the launchers may use V8's code cache (`GGEN_NO_CODE_CACHE=1` turns it off). */
  codeCache: boolean;
  /** Whether writers refuse up front when the file system cannot hold a run (`GGEN_NO_SPACE_CHECK=1` turns it off, for fault tests). */
  spaceCheck: boolean;
  /**
   * The SPARQL per-query time limit in ms (`GGEN_QUERY_TIMEOUT_MS`); null = SPEC §2's 2 s, 0 = none. A query's
   * own `timeout` (seconds) raises it for that query.
   */
  queryTimeoutMs: number | null;
  /** Whether query answers are cached (engine/rdf/query-cache.ts; `GGEN_NO_QUERY_CACHE=1` turns it off). */
  queryCache: boolean;
}

/** The configuration a command-line front end gets from its environment. */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const userHome = env.HOME || homedir();
  return {
    home: resolve(env.GGEN_HOME || join(userHome, '.ggen')),
    bundledDir: env.GGEN_BUNDLED_DIR ? resolve(env.GGEN_BUNDLED_DIR) : null,
    userHome,
    tmpDir: env.TMPDIR || tmpdir(),
    codeCache: !env.GGEN_NO_CODE_CACHE,
    spaceCheck: !env.GGEN_NO_SPACE_CHECK,
    queryTimeoutMs: /^\d+$/.test(env.GGEN_QUERY_TIMEOUT_MS ?? '') ? Number(env.GGEN_QUERY_TIMEOUT_MS) : null,
    queryCache: !env.GGEN_NO_QUERY_CACHE,
  };
}

let current: EngineConfig | null = null;

/** Set by a front end before it calls the engine; later calls replace the given fields. */
export function setEngineConfig(config: Partial<EngineConfig>): EngineConfig {
  current = { ...engineConfig(), ...config };
  return current;
}

/** The configuration in force. */
export function engineConfig(): EngineConfig {
  return (current ??= configFromEnvironment());
}

/** The V8 code cache folder: under `$GGEN_HOME/cache`, so `ggen-pack clean` removes it with the other caches. */
export function codeCacheDir(config: EngineConfig = engineConfig()): string {
  return join(config.home, 'cache', 'v8');
}

/** The SPARQL answer cache folder (engine/rdf/query-cache.ts), beside the code cache. */
export function queryCacheDir(config: EngineConfig = engineConfig()): string {
  return join(config.home, 'cache', 'sparql');
}
