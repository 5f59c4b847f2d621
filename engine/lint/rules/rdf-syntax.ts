/**
 * packs/rdf-syntax: each `[rdf].files` entry must be an RDF file that parses (a missing one is
 * packs/query-path-missing), by the same parse generation does (engine/rdf/load-graph.ts), so
 * `validate` fails where `generate` would, at the same file:line:col. Parsing needs n3 (loaded
 * lazily, ~150 ms cold), so the rule is a file rule, skipped by the editor's fast lint; results are
 * kept per file size and mtime within a process.
 */
import { statSync } from 'node:fs';
import type { Issue } from '../../../protocol';
import { readInputText } from '../../fs/read-input';
import { LIMITS } from '../../render/limits';
import { escapesRoot, insidePack } from '../paths';
import type { LintRule } from '../types';

type LoadGraph = typeof import('../../rdf/load-graph');
let loadGraphModule: LoadGraph | undefined;
const rdf = () => (loadGraphModule ??= require('../../rdf/load-graph') as LoadGraph);

/** path → the last result, valid while the file's size and mtime are unchanged (the language server re-lints often). */
const memo = new Map<string, { key: string; issue: Issue | null }>();

export const rule: LintRule = {
  meta: {
    id: 'rdf-syntax',
    severity: 'error',
    category: 'queries',
    description: 'An [rdf].files entry that is not an RDF file or does not parse (at its line and column)',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    ctx.manifest.rdf.files.forEach((f, i) => {
      if (escapesRoot(f)) return; // packs/path-escape reports it
      const abs = insidePack(ctx.packDir, f);
      if (!abs) return;
      const at = ['rdf', 'files', i];
      let st;
      try {
        st = statSync(abs);
      } catch {
        return; // packs/query-path-missing reports a missing file
      }
      if (!st.isFile()) {
        issues.push(ctx.issue(this.meta, `RDF file ${f} is not a file; name a .ttl, .nt, .nq, .trig or .n3 file`, at));
        return;
      }
      if (rdf().rdfFormatOf(abs) === null) {
        issues.push(ctx.issue(this.meta, `${f} is not an RDF file; use .ttl, .nt, .nq, .trig or .n3`, at));
        return;
      }
      if (st.size > LIMITS.packBytes) return; // packs/limit-exceeded reports the pack size; never parse it
      const key = `${st.size}:${st.mtimeMs}`;
      let found = memo.get(abs);
      if (found?.key !== key) {
        let issue: Issue | null;
        try {
          issue = rdf().rdfSyntaxIssue(readInputText({ path: abs, shown: f, what: 'RDF file' }), { path: abs, shown: f });
        } catch (err) {
          issue = ctx.issue(this.meta, `${(err as Error).message}`, at);
        }
        found = { key, issue };
        memo.set(abs, found);
      }
      if (found.issue) {
        const i2 = found.issue;
        issues.push(
          i2.range ? ctx.issue(this.meta, i2.message, { file: i2.file ?? abs, range: i2.range }) : ctx.issue(this.meta, i2.message, at),
        );
      }
    });
    return issues;
  },
};
