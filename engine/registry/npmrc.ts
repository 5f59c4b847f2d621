/**
 * The user's `.npmrc` (the usual place for registry tokens: `//npm.acme.dev/:_authToken=${NPM_TOKEN}`),
 * read as npm reads it: `key = value` lines, `;` / `#` comments, `${VAR}` expanded from the variables
 * engine/config.ts captured (the engine reads no environment itself). `NPM_CONFIG_*` values win over
 * the file, as in npm. A missing or unreadable file is no settings: npm does the same.
 */
import { readFileSync } from 'node:fs';
import { engineConfig } from '../config';

/** Keys npm spells in camelCase, which `NPM_CONFIG_*` variables cannot (environment names are upper case). */
const CAMEL: Record<string, string> = { _authtoken: '_authToken', 'strict-ssl': 'strict-ssl' };

export function parseNpmrc(text: string, vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^".*"$/.test(value)) value = value.slice(1, -1);
    out[key] = value.replace(/\$\{([^}]+)\}/g, (_, name: string) => vars[name] ?? '');
  }
  return out;
}

/** npm's options for npm-registry-fetch: `.npmrc` first, `NPM_CONFIG_*` over it. */
export function npmOptions(): Record<string, string> {
  const config = engineConfig();
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseNpmrc(readFileSync(config.npmrcFile, 'utf8'), config.npmrcVariables);
  } catch {
    /* no .npmrc: no settings */
  }
  const fromEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.npmConfig)) {
    if (k === 'userconfig') continue;
    const key = k.replace(/(^|:)(_authtoken)$/, (_, p: string, t: string) => `${p}${CAMEL[t] ?? t}`);
    fromEnv[key] = v;
  }
  return { ...fromFile, ...fromEnv };
}
