/**
 * Golden lint fixtures (test/fixtures/packs/<case>/): each case is a self-contained pack plus
 * expected.json, the issues lint must report. Cases with lint-options.json get a store over the
 * catalog it names (for the registry rules). Also used by the language-server tests.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Issue } from '../../../protocol';
import { lintManifest } from '../../../engine/lint';
import { loadManifest } from '../../../engine/manifest/load';
import { openStore } from '../../../engine/registry/store';

export const FIXTURES = resolve(__dirname, '../../fixtures/packs');

export interface ExpectedIssue {
  code: string;
  severity: string;
  /** Relative to the case folder (posix). */
  file: string;
  line: number;
  column: number;
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

export function toExpected(dir: string, issues: Issue[]): ExpectedIssue[] {
  return issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    file: i.file ? relative(dir, i.file).split(/[\\/]/).join('/') : '',
    line: i.range?.start.line ?? 0,
    column: i.range?.start.column ?? 0,
  }));
}
