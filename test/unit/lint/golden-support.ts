/**
 * Golden lint fixtures (test/fixtures/packs/<case>/): each case is a self-contained pack plus
 * expected.json, the issues lint must report — code, severity, category, range, message and fix.
 * Cases with lint-options.json get a store over the catalog it names (for the registry rules).
 * `UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/unit/lint/golden.test.ts` rewrites every
 * expected.json from the current lint (then read the diff: each message, range and fix must be right).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Fix, Issue, Range } from '../../../protocol';
import { lintManifest } from '../../../engine/lint';
import { loadManifest } from '../../../engine/manifest/load';
import { openStore } from '../../../engine/registry/store';

export const FIXTURES = resolve(__dirname, '../../fixtures/packs');

/** A fix as expected.json pins it: edit ranges as `"line:column-line:column"` (null = append), paths relative to the case folder. */
export interface ExpectedFix {
  title: string;
  safe: boolean;
  /** Only when the fix edits another file than the issue's (posix, relative to the case folder). */
  file?: string;
  edits: { range: string | null; newText: string }[];
}

/** One issue as expected.json pins it: everything an issue says (a null range is 0:0-0:0). */
export interface ExpectedIssue {
  code: string;
  severity: string;
  category: string | null;
  /** Relative to the case folder (posix). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix?: ExpectedFix;
}

export function goldenCases(): string[] {
  return readdirSync(FIXTURES)
    .filter((c) => existsSync(join(FIXTURES, c, 'expected.json')))
    .sort();
}

/** Lint a case folder the way the golden test does (store when lint-options.json asks for one). */
export function lintCase(dir: string): Issue[] {
  const optFile = join(dir, 'lint-options.json');
  const o = existsSync(optFile) ? (JSON.parse(readFileSync(optFile, 'utf8')) as { store?: string }) : {};
  const store = o.store ? openStore(mkdtempSync(join(tmpdir(), 'packs-')), { bundledDir: join(dir, o.store) }) : undefined;
  return lintManifest(loadManifest(dir), dir, store ? { store } : {});
}

/** A path as expected.json writes it: relative to the case folder, posix separators. */
const rel = (dir: string, file: string) => relative(dir, resolve(dir, file)).split(/[\\/]/).join('/');

const rangeText = (r: Range | null) => (r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : null);

function toExpectedFix(dir: string, fix: Fix): ExpectedFix {
  return {
    title: fix.title,
    safe: fix.safe,
    ...(fix.file !== undefined && { file: rel(dir, fix.file) }),
    edits: fix.edits.map((e) => ({ range: rangeText(e.range), newText: e.newText })),
  };
}

/** The issues of a case in the shape of its expected.json. */
export function toExpected(dir: string, issues: Issue[]): ExpectedIssue[] {
  return issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    category: i.category ?? null,
    file: i.file ? rel(dir, i.file) : '',
    line: i.range?.start.line ?? 0,
    column: i.range?.start.column ?? 0,
    endLine: i.range?.end.line ?? 0,
    endColumn: i.range?.end.column ?? 0,
    message: i.message,
    ...(i.fix && { fix: toExpectedFix(dir, i.fix) }),
  }));
}

/** The expected.json of a case. */
export const expectedFile = (dir: string) => join(dir, 'expected.json');

export function readExpected(dir: string): ExpectedIssue[] {
  return JSON.parse(readFileSync(expectedFile(dir), 'utf8')) as ExpectedIssue[];
}

/** Rewrite a case's expected.json (UPDATE_GOLDEN=1); the diff is for a human to read. */
export function writeExpected(dir: string, expected: ExpectedIssue[]): void {
  writeFileSync(expectedFile(dir), JSON.stringify(expected, null, 2) + '\n');
}
