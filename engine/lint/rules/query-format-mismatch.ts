/** packs/query-format-mismatch: turtle/ntriples output needs a graph (CONSTRUCT/DESCRIBE), not rows. */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

const GRAPH_FORMATS = new Set(['turtle', 'ntriples']);

export const rule: LintRule = {
  meta: {
    id: 'query-format-mismatch',
    severity: 'error',
    category: 'queries',
    description: 'output_format incompatible with the query form',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const q of ctx.queries()) {
      const fmt = q.def.outputFormat;
      if (!fmt || !q.form) continue;
      const graph = q.form === 'CONSTRUCT' || q.form === 'DESCRIBE';
      if (GRAPH_FORMATS.has(fmt) && !graph) {
        issues.push(
          ctx.issue(
            this.meta,
            `Query \`${q.def.name}\` is a ${q.form}; output_format "${fmt}" needs a CONSTRUCT or DESCRIBE query (use json, yaml, csv or xml)`,
            ['queries', q.def.index, 'output_format'],
          ),
        );
      }
    }
    return issues;
  },
};
