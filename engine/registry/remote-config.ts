/**
 * Remote registries are listed in `$GGEN_HOME/config.toml` under `[registries]` (SPEC §10). This
 * version does not talk to them yet: it reads the list only to say so, never fakes a network call.
 * A config.toml that does not parse or holds a wrong value is a ConfigError (exit 8) naming the
 * file, line and column; a missing file is no registries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
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

/** What to tell the user when `--source remote` (or all) is asked for. Null when nothing to say. */
export function remoteNote(home: string, source: SourceFilter): string | null {
  if (source !== 'remote') return null;
  const regs = Object.keys(configuredRegistries(home));
  return regs.length === 0
    ? 'No remote registry is configured (add [registries] to $GGEN_HOME/config.toml); remote packs are not listed.'
    : `Remote registries (${regs.join(', ')}) are configured, but this version of Packs does not query remote registries yet.`;
}
