/**
 * Structural check of a raw manifest against schemas/pack.schema.json, as located Issues:
 * `packs/unknown-key` (with "did you mean", and a safe rename fix when the suggestion is close),
 * `packs/missing-field` (every missing required field, one issue each, in one pass),
 * `packs/invalid-type` and `packs/invalid-value` (enums, patterns, bounds).
 *
 * The validator is ajv's standalone output generated from the schema at build time
 * (scripts/gen-schema-validator.mjs): compiling the schema at run time costs ~150 ms per process.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Issue } from '../../protocol';
import validate, { type SchemaError } from './generated/pack-validator';
import type { LoadedManifest } from './load';
import { locate, type KeyPath } from './locate';
import { instancePath, parentSchemaOf, valueAt } from './schema-pointer';

type SchemaNode = { properties?: Record<string, unknown>; enum?: unknown[] };

/** `templates[2].source` — how issues name a place in the manifest. */
/** The schema object an error's keyword belongs to. The schema document is only needed to explain an error, so valid manifests never load it. */
const schemaNodeOf = (schemaPath: string) => parentSchemaOf<SchemaNode>(require('../../schemas/pack.schema.json'), schemaPath);
/** The manifest's top-level keys (excludes, metadata, templates, …), from the schema. */
const topLevelKeys = () => Object.keys((require('../../schemas/pack.schema.json') as SchemaNode).properties ?? {});

export function pathLabel(path: KeyPath): string {
  if (path.length === 0) return 'the manifest root';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A suggestion close enough to be applied blindly: a typo, not a different word. */
export function isCloseMatch(a: string, b: string): boolean {
  return distance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 3));
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a table';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a float';
  return `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = {
  object: 'a table',
  array: 'an array',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
};

/** A schema issue with the key path of the value it is about. */
export interface SchemaIssue {
  issue: Issue;
  path: KeyPath;
}

/** Schema issues of a parsed manifest (none when `raw` is null: the syntax error is reported instead). */
export function schemaCheck(loaded: LoadedManifest): Issue[] {
  return schemaCheckWithPaths(loaded).map((s) => s.issue);
}

/** Like schemaCheck, keeping each issue's key path (lint uses it for the score category). */
export function schemaCheckWithPaths(loaded: LoadedManifest): SchemaIssue[] {
  if (loaded.raw === null || loaded.raw === undefined) return [];
  if (validate(loaded.raw)) return [];
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  let path: KeyPath = [];
  const add = (key: string, issue: Issue) => {
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ issue, path });
  };
  const file = loaded.file;
  for (const err of validate.errors ?? []) {
    path = instancePath(err.instancePath);
    const where = pathLabel(path);
    switch (err.keyword) {
      case 'additionalProperties': {
        const key = String(err.params.additionalProperty);
        add(`u:${where}:${key}`, unknownKey(loaded, err, path, key));
        break;
      }
      case 'required': {
        const field = String(err.params.missingProperty);
        add(`m:${where}:${field}`, {
          code: 'packs/missing-field',
          severity: 'error',
          message: `Missing required field \`${field}\` in ${where === 'the manifest root' ? where : `[${where}]`}`,
          file,
          range: locate(loaded, path, 'key'),
        });
        break;
      }
      case 'type': {
        const want = String(err.params.type)
          .split(',')
          .map((t) => EXPECTED[t] ?? t)
          .join(' or ');
        add(`t:${where}`, {
          code: 'packs/invalid-type',
          severity: 'error',
          message: `\`${where}\` must be ${want}, not ${typeName(valueAt(loaded.raw, path))}`,
          file,
          range: locate(loaded, path),
        });
        break;
      }
      case 'if':
      case 'anyOf':
        break; // the failing branch's own errors say what is wrong
      default:
        add(`v:${where}:${err.keyword}`, invalidValue(loaded, err, path));
    }
  }
  return issues;
}

function unknownKey(loaded: LoadedManifest, err: SchemaError, path: KeyPath, key: string): Issue {
  const parent = schemaNodeOf(err.schemaPath);
  const present = valueAt(loaded.raw, path) as Record<string, unknown> | undefined;
  const allowed = Object.keys(parent?.properties ?? {}).filter((k) => k !== 'type' || !present || !('type' in present));
  const suggestion = allowed.length ? closest(key, allowed) : undefined;
  const keyPath = [...path, key];
  const range = locate(loaded, keyPath, 'key');
  const misplaced = misplacedTopLevelKey(loaded, path, key, range);
  if (misplaced) return { code: 'packs/unknown-key', severity: 'error', message: misplaced, file: loaded.file, range };
  const inWhere = path.length ? ` in [${pathLabel(path)}]` : '';
  const close = suggestion !== undefined && isCloseMatch(key, suggestion) && !(present && suggestion in present);
  const hint = close ? `; did you mean \`${suggestion}\`?` : allowed.length ? `; allowed keys: ${allowed.join(', ')}` : '';
  const issue: Issue = {
    code: 'packs/unknown-key',
    severity: 'error',
    message: `Unknown key \`${key}\`${inWhere}${hint}`,
    file: loaded.file,
    range,
  };
  if (close && suggestion) {
    issue.fix = { title: `Rename \`${key}\` to \`${suggestion}\``, safe: true, edits: [{ range, newText: suggestion }] };
  }
  return issue;
}

/**
 * A top-level key written after a table header (ggen's design puts `excludes = [...]` after
 * `[[examples]]`): TOML reads it as a key of that table. Returns the message saying so, or null when
 * `key` is not a top-level key, the manifest is not TOML, or the key is inside an inline table.
 */
function misplacedTopLevelKey(loaded: LoadedManifest, path: KeyPath, key: string, range: Issue['range']): string | null {
  if (loaded.format !== 'toml' || path.length === 0 || !range || !topLevelKeys().includes(key)) return null;
  const line = loaded.text.split(/\r?\n/)[range.start.line - 1] ?? '';
  if (line.slice(0, range.start.column - 1).trim() !== '') return null; // `t = { excludes = … }`: an inline table
  const names = path.filter((p): p is string => typeof p === 'string').join('.');
  const header = typeof path[path.length - 1] === 'number' ? `[[${names}]]` : `[${names}]`;
  return `\`${key}\` is a top-level key, but TOML reads it as part of ${header} because it comes after that table; move it above the first table`;
}

function invalidValue(loaded: LoadedManifest, err: SchemaError, path: KeyPath): Issue {
  const where = pathLabel(path);
  const got = valueAt(loaded.raw, path);
  let message = `\`${where}\` ${err.message ?? 'is invalid'}`;
  let fix: Issue['fix'];
  const range = locate(loaded, path);
  if (err.keyword === 'enum') {
    const allowed = (err.params.allowedValues as unknown[]).map(String);
    const suggestion = closest(String(got), allowed);
    message = `\`${where}\` must be one of ${allowed.join(', ')}; got ${JSON.stringify(got)}`;
    if (typeof got === 'string' && isCloseMatch(got, suggestion)) {
      message += `; did you mean \`${suggestion}\`?`;
      fix = { title: `Change to "${suggestion}"`, safe: true, edits: [{ range, newText: JSON.stringify(suggestion) }] };
    }
  } else if (err.keyword === 'pattern' && path[path.length - 1] === 'checksum') {
    message = `\`${where}\` must be \`sha256:\` followed by 64 hex digits; got ${JSON.stringify(got)}`;
  }
  return { code: 'packs/invalid-value', severity: 'error', message, file: loaded.file, range, ...(fix ? { fix } : {}) };
}
