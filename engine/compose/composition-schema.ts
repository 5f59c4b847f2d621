/**
 * Checking a composition file (`composition.yaml` / `.toml`) as located Issues, the way manifests
 * are checked: syntax (`packs/syntax`), then schemas/composition.schema.json — `packs/unknown-key`
 * (with "did you mean" and a safe rename fix), `packs/missing-field`, `packs/invalid-type`,
 * `packs/invalid-value` — then what a schema cannot say: each pack listed once
 * (`packs/duplicate-pack`) and version ranges that are semver (`packs/invalid-range`).
 *
 * The validator is ajv's standalone output (scripts/gen-composition-validator.mjs), so the CLI
 * carries no ajv. Ranges come from the manifest locator (engine/manifest/locate.ts), which reads
 * YAML and TOML documents alike; it runs only when there is an issue to place.
 */
import { closest } from 'fastest-levenshtein';
import { validRange } from 'semver';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Issue, Range } from '../../protocol';
import { firstLine } from '../errors';
import type { SchemaError } from '../manifest/generated/pack-validator';
import { positionAt } from '../manifest/line-index';
import type { LoadedManifest } from '../manifest/load';
import { locate, type KeyPath } from '../manifest/locate';
import type { ManifestFormat } from '../manifest/model';
import { isCloseMatch, pathLabel } from '../manifest/schema-check';
import { instancePath, parentSchemaOf, valueAt } from '../manifest/schema-pointer';
import validate from './generated/composition-validator';

/** A composition file's text, parsed; `raw` is null when `issues` holds its syntax errors. */
export interface ParsedComposition {
  file: string;
  format: ManifestFormat;
  text: string;
  raw: unknown;
  issues: Issue[];
}

/** `.toml` files are TOML; everything else (`.yaml`, `.yml`, `.json`) is read as YAML. */
export function compositionFormat(file: string): ManifestFormat {
  return /\.toml$/i.test(file) ? 'toml' : 'yaml';
}

/** Parse a composition file's text; syntax errors become positioned `packs/syntax` issues. */
export function parseCompositionText(file: string, text: string): ParsedComposition {
  const format = compositionFormat(file);
  const base = { file, format, text };
  if (format === 'toml') {
    try {
      return { ...base, raw: parseToml(text), issues: [] };
    } catch (err) {
      if (!(err instanceof TomlError)) throw err;
      const message = firstLine(err.message).replace(/^Invalid TOML document: /, '');
      return { ...base, raw: null, issues: [syntaxIssue(file, message, err.line, err.column)] };
    }
  }
  // Loaded here: TOML compositions never pay for the yaml library.
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const issues = doc.errors.map((e) => {
      const { line, column } = positionAt(text, e.pos[0]);
      return syntaxIssue(file, firstLine(e.message), line, column);
    });
    return { ...base, raw: null, issues };
  }
  return { ...base, raw: doc.toJS() as unknown, issues: [] };
}

/**
 * Schema and semantic issues of a parsed composition. Without `text` (data built in memory) the
 * issues carry no range.
 */
export function checkCompositionData(doc: { file: string; raw: unknown; format?: ManifestFormat; text?: string }): Issue[] {
  const { file, raw } = doc;
  const format = doc.format ?? 'yaml';
  const located: LoadedManifest | null = doc.text === undefined ? null : { file, format, text: doc.text, raw, manifest: null, issues: [] };
  const where = (path: KeyPath, which: 'value' | 'key' = 'value'): Range | null => (located ? locate(located, path, which) : null);
  const ctx: Ctx = { file, raw, format, where };
  const issues = validate(raw) ? [] : schemaIssues(ctx, validate.errors ?? []);
  issues.push(...semanticIssues(ctx));
  return sortByPosition(issues);
}

interface Ctx {
  file: string;
  raw: unknown;
  format: ManifestFormat;
  where(path: KeyPath, which?: 'value' | 'key'): Range | null;
}

type SchemaNode = { properties?: Record<string, unknown> };

const label = (path: KeyPath): string => (path.length ? pathLabel(path) : 'the composition');
const inLabel = (path: KeyPath): string => (path.length ? ` in [${pathLabel(path)}]` : '');

/** The schema object an error's keyword belongs to; the schema document (with its descriptions) is loaded only to explain an error. */
const schemaNodeOf = (schemaPath: string) => parentSchemaOf<SchemaNode>(require('../../schemas/composition.schema.json'), schemaPath);

function typeName(v: unknown, format: ManifestFormat): string {
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'object') return format === 'toml' ? 'a table' : 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number with a fraction';
  return `a ${typeof v}`;
}

function expected(type: string, format: ManifestFormat): string {
  const names: Record<string, string> = {
    object: format === 'toml' ? 'a table' : 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'a boolean',
  };
  return names[type] ?? type;
}

function schemaIssues(ctx: Ctx, errors: readonly SchemaError[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const add = (key: string, issue: Issue) => {
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  };
  const { file } = ctx;
  for (const err of errors) {
    const path = instancePath(err.instancePath);
    const at = label(path);
    const got = valueAt(ctx.raw, path);
    switch (err.keyword) {
      case 'additionalProperties':
        add(`u:${at}:${String(err.params.additionalProperty)}`, unknownKey(ctx, err, path, String(err.params.additionalProperty)));
        break;
      case 'required': {
        const field = String(err.params.missingProperty);
        add(`m:${at}:${field}`, {
          code: 'packs/missing-field',
          severity: 'error',
          message: `Missing required field \`${field}\`${path.length ? ` in [${at}]` : ''}`,
          file,
          range: ctx.where(path, 'key'),
        });
        break;
      }
      case 'type': {
        const want = String(err.params.type)
          .split(',')
          .map((t) => expected(t, ctx.format))
          .join(' or ');
        let message = path.length
          ? `\`${at}\` must be ${want}, not ${typeName(got, ctx.format)}`
          : got === null || got === undefined
            ? 'The composition file is empty; it needs `name` and `packs`'
            : `A composition must be ${want} with \`name\` and \`packs\`, not ${typeName(got, ctx.format)}`;
        if (err.params.type === 'boolean' && typeof got === 'string') message += '; write true or false, without quotes';
        else if (err.params.type === 'integer' && typeof got === 'string') message += '; write a whole number, e.g. 1';
        add(`t:${at}`, { code: 'packs/invalid-type', severity: 'error', message, file, range: ctx.where(path) });
        break;
      }
      default:
        add(`v:${at}:${err.keyword}`, invalidValue(ctx, err, path, got));
    }
  }
  return issues;
}

function unknownKey(ctx: Ctx, err: SchemaError, path: KeyPath, key: string): Issue {
  const present = valueAt(ctx.raw, path) as Record<string, unknown> | undefined;
  const allowed = Object.keys(schemaNodeOf(err.schemaPath)?.properties ?? {});
  const suggestion = allowed.length ? closest(key, allowed) : undefined;
  const close = suggestion !== undefined && isTypo(key, suggestion) && !(present && suggestion in present);
  const hint = close ? `; did you mean \`${suggestion}\`?` : allowed.length ? `; allowed keys: ${allowed.join(', ')}` : '';
  const range = ctx.where([...path, key], 'key');
  const issue: Issue = {
    code: 'packs/unknown-key',
    severity: 'error',
    message: `Unknown key \`${key}\`${inLabel(path)}${hint}`,
    file: ctx.file,
    range,
  };
  if (close && suggestion && range) {
    issue.fix = { title: `Rename \`${key}\` to \`${suggestion}\``, safe: true, edits: [{ range, newText: suggestion }] };
  }
  return issue;
}

/** A close match (engine/manifest/schema-check), or the same letters with two swapped (`nmae` → `name`). */
function isTypo(key: string, suggestion: string): boolean {
  if (isCloseMatch(key, suggestion)) return true;
  if (key.length !== suggestion.length) return false;
  const differ = [...key].flatMap((ch, i) => (ch === suggestion[i] ? [] : [i]));
  return differ.length === 2 && key[differ[0]!] === suggestion[differ[1]!] && key[differ[1]!] === suggestion[differ[0]!];
}

function invalidValue(ctx: Ctx, err: SchemaError, path: KeyPath, got: unknown): Issue {
  const at = label(path);
  const range = ctx.where(path);
  let message = `\`${at}\` ${err.message ?? 'is invalid'}`;
  let fix: Issue['fix'];
  if (err.keyword === 'enum') {
    const allowed = (err.params.allowedValues as unknown[]).map(String);
    const suggestion = closest(String(got), allowed);
    message = `\`${at}\` must be one of ${allowed.join(', ')}; got ${JSON.stringify(got)}`;
    if (typeof got === 'string' && isCloseMatch(got, suggestion)) {
      message += `; did you mean \`${suggestion}\`?`;
      if (range) fix = { title: `Change to "${suggestion}"`, safe: true, edits: [{ range, newText: JSON.stringify(suggestion) }] };
    }
  } else if (err.keyword === 'minItems' && path.length === 1 && path[0] === 'packs') {
    message = '`packs` must list at least one pack';
  } else if (err.keyword === 'pattern') {
    message = `\`${at}\` must not be empty`;
  }
  return { code: 'packs/invalid-value', severity: 'error', message, file: ctx.file, range, ...(fix ? { fix } : {}) };
}

/** Each pack once; version ranges that semver can read. */
function semanticIssues(ctx: Ctx): Issue[] {
  const packs = valueAt(ctx.raw, ['packs']);
  if (!Array.isArray(packs)) return [];
  const issues: Issue[] = [];
  const first = new Map<string, number>();
  packs.forEach((p: unknown, i) => {
    if (p === null || typeof p !== 'object') return;
    const { name, version } = p as { name?: unknown; version?: unknown };
    if (typeof name === 'string' && name.trim()) {
      const before = first.get(name);
      if (before === undefined) first.set(name, i);
      else
        issues.push({
          code: 'packs/duplicate-pack',
          severity: 'error',
          message: `Pack \`${name}\` is listed twice (also packs[${before}]); list each pack once, with one version range`,
          file: ctx.file,
          range: ctx.where(['packs', i, 'name']),
        });
    }
    if (typeof version === 'string' && validRange(version) === null) {
      issues.push({
        code: 'packs/invalid-range',
        severity: 'error',
        message: `"${version}" is not a semver range (e.g. ^1.2.0, ~2.0, >=1 <3, *)`,
        file: ctx.file,
        range: ctx.where(['packs', i, 'version']),
      });
    }
  });
  return issues;
}

function sortByPosition(issues: Issue[]): Issue[] {
  const key = (i: Issue) => (i.range ? i.range.start.line * 1e6 + i.range.start.column : Number.MAX_SAFE_INTEGER);
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.n - b.n)
    .map((x) => x.issue);
}

function syntaxIssue(file: string, message: string, line: number, column: number): Issue {
  return {
    code: 'packs/syntax',
    severity: 'error',
    message: `Syntax error: ${message}`,
    file,
    range: { start: { line, column }, end: { line, column: column + 1 } },
  };
}
