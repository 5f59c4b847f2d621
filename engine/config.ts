/**
 * Where the engine keeps and finds things. The engine reads no environment variable anywhere else:
 * each front end fills this in once at start-up — the CLI and the language server from their
 * environment (`configFromEnvironment`), the extension from its `packs.*` settings — and library
 * callers (tests) that set nothing get `configFromEnvironment(process.env)`.
 * Deliberately dependency-free: the 3 KB launchers import it through the code-cache loader. So it
 * never throws: a bad value is left out of the configuration (the default applies) and reported by
 * `environmentProblems`, which the CLI turns into a ConfigError (exit 8) before a verb runs.
 */
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface EngineConfig {
  /** `$GGEN_HOME` (default `~/.ggen`): the local registry, caches and config.toml. */
  home: string;
  /** `GGEN_PACKS_DIR`: installed packs and index.jsonl of `home`; null = `<home>/packs` (see packsDirFor). */
  packsDir: string | null;
  /** `GGEN_CACHE_DIR`: the cache folder of `home`; null = `<home>/cache` (see cacheDirFor). */
  cacheDir: string | null;
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
  /** `GGEN_REGISTRY_URL` (http or https): the default remote registry, shown by `info --system`; nothing is fetched from it yet. */
  registryUrl: string | null;
  /**
   * How long a remote registry may take to answer before the engine falls back to its cache, in ms
   * (`GGEN_REGISTRY_TIMEOUT_MS`, default 10 s): tests set a short one, never relying on machine speed.
   */
  registryTimeoutMs: number;
  /** How many times a transient registry failure (connection reset/refused, 5xx, 429) is retried with backoff (`GGEN_REGISTRY_RETRIES`, default 2). */
  registryRetries: number;
  /**
   * Talk to registries through Node's own http/https agents instead of npm's (@npmcli/agent). Set by
   * the VS Code extension: its extension host patches Node's http for VS Code's proxy support and then
   * calls the agent's `addRequest` after the headers went out, which npm's agent cannot take
   * ("Cannot set headers after they are sent", microsoft/vscode#170604, npm/npm-registry-fetch#244).
   * Proxies are then VS Code's job. The CLI keeps npm's agent (proxies from npm's configuration).
   */
  nodeHttpAgents: boolean;
  /**
   * npm's own configuration, for auth and proxies (`.npmrc` keys such as `//host/:_authToken`): the
   * `NPM_CONFIG_*` / `npm_config_*` variables, lower-cased without the prefix, as npm-registry-fetch takes them.
   */
  npmConfig: Record<string, string>;
  /** The user's `.npmrc` (`NPM_CONFIG_USERCONFIG`, default `~/.npmrc`); read by engine/registry/npmrc.ts when it exists. */
  npmrcFile: string;
  /** Values for `${VAR}` references inside `.npmrc` (npm expands them from the environment; only this module reads it). */
  npmrcVariables: Record<string, string>;
  /** `GGEN_TELEMETRY` as given (true/false/1/0/yes/no/on/off), null when unset. Accepted for ggen compatibility and ignored: Packs never sends telemetry. */
  telemetry: string | null;
}

/** A bad environment value: the CLI reports it as a ConfigError (exit 8). */
export interface ConfigProblem {
  variable: string;
  value: string;
  message: string;
  hint: string;
}

const TELEMETRY_VALUES = /^(true|false|1|0|yes|no|on|off)$/i;

/** The value of a variable, undefined when unset or empty (`VAR=` means unset, as for GGEN_HOME). */
const valueOf = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name] || undefined;

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

const isTimeout = (v: string) => /^\d+$/.test(v) && Number.isSafeInteger(Number(v));

/** The configuration a command-line front end gets from its environment (bad values are left out: see environmentProblems). */
export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const userHome = env.HOME || homedir();
  const path = (name: string) => {
    const v = valueOf(env, name);
    return v === undefined ? null : resolve(v);
  };
  const url = valueOf(env, 'GGEN_REGISTRY_URL');
  const telemetry = valueOf(env, 'GGEN_TELEMETRY');
  const timeout = valueOf(env, 'GGEN_QUERY_TIMEOUT_MS');
  const registryTimeout = valueOf(env, 'GGEN_REGISTRY_TIMEOUT_MS');
  const retries = valueOf(env, 'GGEN_REGISTRY_RETRIES');
  const npmConfig: Record<string, string> = {};
  const npmrcVariables: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (/^npm_config_/i.test(k)) npmConfig[k.slice(11).toLowerCase()] = v;
    // .npmrc may say `${NPM_TOKEN}`: keep the variables such a file can name (not GGEN_* paths, not npm's own).
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) npmrcVariables[k] = v;
  }
  return {
    home: resolve(env.GGEN_HOME || join(userHome, '.ggen')),
    packsDir: path('GGEN_PACKS_DIR'),
    cacheDir: path('GGEN_CACHE_DIR'),
    bundledDir: path('GGEN_BUNDLED_DIR'),
    userHome,
    tmpDir: env.TMPDIR || tmpdir(),
    codeCache: !env.GGEN_NO_CODE_CACHE,
    spaceCheck: !env.GGEN_NO_SPACE_CHECK,
    queryTimeoutMs: timeout !== undefined && isTimeout(timeout) ? Number(timeout) : null,
    queryCache: !env.GGEN_NO_QUERY_CACHE,
    registryUrl: url !== undefined && isHttpUrl(url) ? url : null,
    registryTimeoutMs:
      registryTimeout !== undefined && isTimeout(registryTimeout) && Number(registryTimeout) > 0 ? Number(registryTimeout) : 10_000,
    registryRetries: retries !== undefined && isTimeout(retries) ? Math.min(Number(retries), 10) : 2,
    nodeHttpAgents: false,
    npmConfig,
    npmrcFile: npmConfig.userconfig ? resolve(npmConfig.userconfig) : join(userHome, '.npmrc'),
    npmrcVariables,
    telemetry: telemetry !== undefined && TELEMETRY_VALUES.test(telemetry) ? telemetry : null,
  };
}

/** The environment values configFromEnvironment had to leave out, in a fixed order; empty when all are fine. */
export function environmentProblems(env: NodeJS.ProcessEnv = process.env): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const check = (variable: string, ok: (v: string) => boolean, message: string, hint: string) => {
    const value = valueOf(env, variable);
    if (value !== undefined && !ok(value)) out.push({ variable, value, message, hint });
  };
  check(
    'GGEN_REGISTRY_URL',
    isHttpUrl,
    'is not an http(s) URL',
    'Set it to the registry address, e.g. GGEN_REGISTRY_URL=https://registry.example.com/, or unset it.',
  );
  check(
    'GGEN_TELEMETRY',
    (v) => TELEMETRY_VALUES.test(v),
    'is not one of true, false, 1, 0, yes, no, on, off',
    'Packs never sends telemetry whatever the value; set GGEN_TELEMETRY=false or unset it.',
  );
  check(
    'GGEN_QUERY_TIMEOUT_MS',
    isTimeout,
    'is not a whole number of milliseconds (0 or more)',
    'e.g. GGEN_QUERY_TIMEOUT_MS=5000 (0 = no limit), or unset it for the default of 2000.',
  );
  check(
    'GGEN_REGISTRY_TIMEOUT_MS',
    (v) => isTimeout(v) && Number(v) > 0,
    'is not a whole number of milliseconds (1 or more)',
    'e.g. GGEN_REGISTRY_TIMEOUT_MS=10000, or unset it for the default of 10000.',
  );
  check('GGEN_REGISTRY_RETRIES', isTimeout, 'is not a whole number (0 or more)', 'e.g. GGEN_REGISTRY_RETRIES=2, or unset it.');
  return out;
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

/**
 * Where the registry at `home` keeps its installed packs and index.jsonl: `packsDir` (GGEN_PACKS_DIR)
 * for the configured home, `<home>/packs` for any other (a test's temporary home never lands in it).
 */
export function packsDirFor(home: string, config: EngineConfig = engineConfig()): string {
  return config.packsDir !== null && resolve(home) === resolve(config.home) ? config.packsDir : join(home, 'packs');
}

/** The cache folder of `home`: `cacheDir` (GGEN_CACHE_DIR) for the configured home, `<home>/cache` for any other. */
export function cacheDirFor(home: string, config: EngineConfig = engineConfig()): string {
  return config.cacheDir !== null && resolve(home) === resolve(config.home) ? config.cacheDir : join(home, 'cache');
}

/** The V8 code cache folder: `<cache>/v8`, so `ggen-pack clean` removes it with the other caches. */
export function codeCacheDir(config: EngineConfig = engineConfig()): string {
  return join(cacheDirFor(config.home, config), 'v8');
}

/** The SPARQL answer cache folder (engine/rdf/query-cache.ts), beside the code cache: `<cache>/sparql`. */
export function queryCacheDir(config: EngineConfig = engineConfig()): string {
  return join(cacheDirFor(config.home, config), 'sparql');
}
