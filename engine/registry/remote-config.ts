/**
 * Remote registries are listed in `$GGEN_HOME/config.toml` under `[registries]` (SPEC §10), read by
 * the CLI, the language server and the extension alike:
 *
 *     [registries]
 *     team = "https://npm.acme.dev/"          # a named registry
 *     "@acme" = "https://npm.acme.dev/"       # packs named @acme/… come from here only
 *     default = "team"                        # which named registry unscoped names use (a name or a URL)
 *
 * Without `default`, unscoped names use the first named registry, else `GGEN_REGISTRY_URL`.
 * A config.toml that does not parse or holds a wrong value is a ConfigError (exit 8) naming the
 * file, line and column; a missing file is no registries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { engineConfig } from '../config';
import { ConfigError, firstLine } from '../errors';
import type { SourceFilter } from './types';

/** `$GGEN_HOME/config.toml`. */
export function configFile(home: string): string {
  return join(home, 'config.toml');
}

const isHttpUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
};

/**
 * 1-based line and column of the key at `path` (a table header, a `key =` line or a dotted key), or
 * of its nearest parent that is written; null when none is. A line scan: smol-toml keeps no positions.
 */
function locateKey(text: string, path: string[]): { line: number; column: number } | null {
  const keys = (s: string) => s.split('.').map((p) => p.trim().replace(/^(["'])(.*)\1$/, '$2'));
  const lines = text.split(/\r?\n/);
  for (let n = path.length; n > 0; n--) {
    const want = path.slice(0, n);
    let table: string[] = [];
    for (const [i, line] of lines.entries()) {
      const header = /^(\s*)\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
      const kv = header ? null : /^(\s*)([A-Za-z0-9_.\-"' ]+?)\s*=/.exec(line);
      let full: string[] | null = null;
      let column = 1;
      if (header) {
        table = keys(header[2]!);
        full = table;
        column = header[1]!.length + 1;
      } else if (kv) {
        full = [...table, ...keys(kv[2]!)];
        column = kv[1]!.length + 1;
      }
      if (full && full.length >= want.length && want.every((k, j) => full[j] === k)) return { line: i + 1, column };
    }
  }
  return null;
}

/** name → URL of the configured registries (empty when there is no config.toml or no [registries]). */
export function configuredRegistries(home: string): Record<string, string> {
  const file = configFile(home);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`, {
      hint: 'Make it a readable file (or remove it: Packs needs no config.toml).',
      cause: err,
    });
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    throw new ConfigError(`${file}:${err.line}:${err.column}: ${firstLine(err.message)}`, {
      hint: `Fix the TOML syntax at that line (Packs reads [registries] from it), or move the file away.`,
      cause: err,
    });
  }
  const wrong = (path: string[], message: string, hint: string): ConfigError => {
    const at = locateKey(text, path);
    return new ConfigError(`${file}${at ? `:${at.line}:${at.column}` : ''}: ${message}`, { hint });
  };
  const example = 'e.g. [registries] then  acme = "https://registry.acme.dev/"  (or  acme = { url = "https://…" })';
  const regs = doc.registries;
  if (regs === undefined) return {};
  if (typeof regs !== 'object' || regs === null || Array.isArray(regs) || regs instanceof Date)
    throw wrong(['registries'], '"registries" must be a table of name = URL entries', `Write it as a table: ${example}.`);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(regs as Record<string, unknown>)) {
    // `default = "team"` names another entry (registrySetup checks it); a URL there is a registry too.
    if (name === 'default' && typeof v === 'string' && !isHttpUrl(v)) continue;
    const isTable = typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
    const url = typeof v === 'string' ? v : isTable ? (v as { url?: unknown }).url : undefined;
    if (typeof url !== 'string')
      throw wrong(
        ['registries', name],
        `registry "${name}" has no URL (give a string or a table with a "url" string)`,
        `Give it an address: ${example}.`,
      );
    if (!isHttpUrl(url))
      throw wrong(
        isTable ? ['registries', name, 'url'] : ['registries', name],
        `registry "${name}": "${url}" is not an http(s) URL`,
        `Use an http:// or https:// address, ${example}.`,
      );
    out[name] = url;
  }
  return out;
}

/** One configured registry. */
export interface RegistryEntry {
  /** Its key in [registries] (`team`, `@acme`), `cli` for `--registry`, `env` for GGEN_REGISTRY_URL. */
  name: string;
  url: string;
  /** `@acme` for a scoped entry: packs named `@acme/…` come from it only. */
  scope: string | null;
}

/** The registries in force: the configured ones (or `--registry`) and which one a pack name goes to. */
export interface RegistrySetup {
  registries: RegistryEntry[];
  /** Where unscoped names go (null: nowhere, no remote registry). */
  defaultUrl: string | null;
}

/** Normalized: always a trailing slash, so `new URL(path, base)` and npm's nerf-darts agree. */
const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * The registries of `home`; `override` (`--registry <url>`) replaces the default for unscoped names
 * and is the only registry searched. Throws ConfigError on a bad config.toml or a `default` naming
 * no registry.
 */
export function registrySetup(home: string, override?: string): RegistrySetup {
  if (override !== undefined) {
    if (!isHttpUrl(override))
      throw new ConfigError(`--registry "${override}" is not an http(s) URL`, { hint: 'e.g. --registry http://127.0.0.1:4873/' });
    return { registries: [{ name: 'cli', url: withSlash(override), scope: null }], defaultUrl: withSlash(override) };
  }
  const raw = configuredRegistries(home);
  const registries: RegistryEntry[] = [];
  let defaultUrl: string | null = null;
  for (const [name, url] of Object.entries(raw)) {
    if (name === 'default') continue;
    registries.push({ name, url: withSlash(url), scope: name.startsWith('@') ? name : null });
  }
  const def = rawDefault(home);
  if (def !== null) {
    const named = registries.find((r) => r.name === def);
    if (named) defaultUrl = named.url;
    else if (isHttpUrl(def)) {
      defaultUrl = withSlash(def);
      if (!registries.some((r) => r.url === defaultUrl)) registries.push({ name: 'default', url: defaultUrl, scope: null });
    } else {
      throw new ConfigError(`${configFile(home)}: [registries] default = "${def}" names no registry`, {
        hint: `Name one of ${registries.map((r) => r.name).join(', ') || '(none configured)'}, or give a URL.`,
      });
    }
  }
  defaultUrl ??= registries.find((r) => r.scope === null)?.url ?? null;
  const env = engineConfig().registryUrl;
  if (defaultUrl === null && env !== null) {
    defaultUrl = withSlash(env);
    registries.push({ name: 'env', url: defaultUrl, scope: null });
  }
  return { registries, defaultUrl };
}

/** `default` may be a name rather than a URL, which configuredRegistries rejects: read it apart. */
function rawDefault(home: string): string | null {
  let text: string;
  try {
    text = readFileSync(configFile(home), 'utf8');
  } catch {
    return null;
  }
  const regs = (parse(text) as { registries?: Record<string, unknown> }).registries;
  const d = regs?.default;
  return typeof d === 'string' ? d : null;
}

/** The registry that serves `name`: its scope's registry if one is configured, else the default. */
export function registryFor(setup: RegistrySetup, name: string): string | null {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : null;
  if (scope) {
    const scoped = setup.registries.find((r) => r.scope === scope);
    if (scoped) return scoped.url;
  }
  return setup.defaultUrl;
}

/** Every distinct registry URL (search asks each). */
export function registryUrls(setup: RegistrySetup): string[] {
  return [...new Set(setup.registries.map((r) => r.url))];
}

/** What to tell the user when `--source remote` is asked for and no registry is configured. Null when nothing to say. */
export function remoteNote(home: string, source: SourceFilter): string | null {
  if (source !== 'remote') return null;
  return registrySetup(home).registries.length === 0
    ? 'No remote registry is configured (add [registries] to $GGEN_HOME/config.toml, or pass --registry <url>); remote packs are not listed.'
    : null;
}
