/**
 * Finding, reading and parsing a pack manifest. Returns data plus issues; throws only for I/O
 * failures (no manifest at all → NotFoundError). Syntax errors become `packs/syntax` issues with
 * the parser's line and column, and `manifest` is then null.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Issue } from '../../protocol';
import { firstLine, NotFoundError, ValidationError } from '../errors';
import { readInputBytes, statInput } from '../fs/read-input';
import type { Manifest, ManifestFormat } from './model';
import { positionAt } from './line-index';
import { normalizeManifest } from './normalize';

export const MANIFEST_LIMIT_BYTES = 10 * 1024 * 1024;

/** The manifest file names a pack folder may hold, in the order they win (SPEC §10: pack.toml over pack.yaml). */
export const MANIFEST_FILES = ['pack.toml', 'pack.yaml', 'pack.yml'] as const;
/** The manifest file `create` and `init` write. */
export const DEFAULT_MANIFEST_FILE = MANIFEST_FILES[0];

export interface LoadedManifest {
  /** Absolute path of the manifest file. */
  file: string;
  format: ManifestFormat;
  text: string;
  /** The file's bytes, when it was read from disk (hashing the pack for packs.lock reuses them). */
  bytes?: Buffer;
  /** The parsed document as plain data (null on a syntax error). */
  raw: unknown;
  /** The normalized model (null on a syntax error). */
  manifest: Manifest | null;
  /** Syntax issues plus any found while loading (e.g. both pack.toml and pack.yaml present). */
  issues: Issue[];
}

/** Which manifest file a pack directory uses; pack.toml wins over pack.yaml/pack.yml. */
export function findManifestFile(packDir: string): { file: string; format: ManifestFormat; shadowed?: string } | null {
  const [tomlName, ...yamlNames] = MANIFEST_FILES;
  const toml = join(packDir, tomlName);
  const yamlFile = yamlNames.map((f) => join(packDir, f)).find((f) => existsSync(f));
  if (existsSync(toml)) return { file: toml, format: 'toml', ...(yamlFile !== undefined && { shadowed: yamlFile }) };
  if (yamlFile) return { file: yamlFile, format: 'yaml' };
  return null;
}

/** Parse manifest text (from disk or an editor buffer). `file` is only used in issues. */
export function parseManifestText(text: string, format: ManifestFormat, file: string): LoadedManifest {
  const base = { file, format, text };
  if (format === 'toml') {
    try {
      const raw = parseToml(text);
      return { ...base, raw, manifest: normalizeManifest(raw), issues: [] };
    } catch (err) {
      if (err instanceof TomlError) {
        const message = firstLine(err.message).replace(/^Invalid TOML document: /, '');
        const pos = { line: err.line, column: err.column };
        return { ...base, raw: null, manifest: null, issues: [syntaxIssue(file, message, pos)] };
      }
      throw err;
    }
  }
  // The yaml library costs a few ms to load; TOML manifests (the common case) never pay for it.
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      return syntaxIssue(file, firstLine(e.message), positionAt(text, e.pos[0]));
    });
    return { ...base, raw: null, manifest: null, issues };
  }
  const raw: unknown = doc.toJS();
  return { ...base, raw, manifest: normalizeManifest(raw), issues: [] };
}

/** Read and parse the manifest in `packDir`. */
export function loadManifest(packDir: string): LoadedManifest {
  const found = findManifestFile(packDir);
  if (!found) {
    throw new NotFoundError(`No pack.toml or pack.yaml in ${packDir}`, {
      hint: 'Run `ggen-pack init` to create a manifest for an existing folder, or `ggen-pack create` for a new pack.',
    });
  }
  // A pack.toml that is a directory, a dangling link or unreadable is a NotFound/PermissionError naming it, not EISDIR.
  const input = {
    path: found.file,
    shown: found.file,
    what: 'manifest',
    hint: 'A pack manifest must be a regular file (pack.toml or pack.yaml).',
  };
  const size = statInput(input).size;
  if (size > MANIFEST_LIMIT_BYTES) {
    throw new ValidationError(`${found.file} is ${size} bytes; the manifest limit is 10 MB`, {
      hint: 'Move data into RDF files or templates; the manifest should describe the pack, not hold it.',
    });
  }
  const bytes = readInputBytes(input);
  const loaded: LoadedManifest = { ...parseManifestText(bytes.toString('utf8'), found.format, found.file), bytes };
  if (found.shadowed) {
    loaded.issues.push({
      code: 'packs/duplicate-manifest',
      severity: 'warning',
      message: `Both pack.toml and ${found.shadowed.split(/[\\/]/).pop()} exist; pack.toml is used`,
      file: found.shadowed,
      range: null,
    });
  }
  return loaded;
}

function syntaxIssue(file: string, message: string, start: { line: number; column: number }): Issue {
  return {
    code: 'packs/syntax',
    severity: 'error',
    message: `Syntax error: ${message}`,
    file,
    range: { start, end: { line: start.line, column: start.column + 1 } },
  };
}
