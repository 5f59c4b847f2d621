/** packs/query-path-missing: a query file or an RDF data file that does not exist in the pack. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Issue } from '../../../protocol';
import { escapesRoot } from '../paths';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'query-path-missing',
    severity: 'error',
    category: 'queries',
    description: 'A query file or RDF file that does not exist',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const missing = (p: string) => p !== '' && !escapesRoot(p) && !existsSync(resolve(ctx.packDir, p));
    for (const q of ctx.manifest.queries) {
      if (q.source.type === 'file' && missing(q.source.path)) {
        issues.push(
          ctx.issue(this.meta, `Query \`${q.name}\`: ${q.source.path} does not exist in the pack`, ['queries', q.index, 'source', 'path']),
        );
      }
    }
    ctx.manifest.rdf.files.forEach((f, i) => {
      if (missing(f)) issues.push(ctx.issue(this.meta, `RDF file ${f} does not exist in the pack`, ['rdf', 'files', i]));
    });
    return issues;
  },
};
