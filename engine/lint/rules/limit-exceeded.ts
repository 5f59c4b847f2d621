/** packs/limit-exceeded: the pack limits of SPEC §2 (counts are cheap; sizes need the files). */
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Issue, LintCategory } from '../../../protocol';
import type { LintRule } from '../types';

export const LIMITS = {
  templates: 100,
  queries: 50,
  variables: 100,
  dependencies: 100,
  templateFileBytes: 10 * 1024 * 1024,
  packBytes: 100 * 1024 * 1024,
};

/** Total size of the files under `dir` (no symlinks followed; .git and node_modules are not part of a pack). */
function dirSize(dir: string, stopAt: number): number {
  let total = 0;
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      if (total > stopAt || name === '.git' || name === 'node_modules') continue;
      const st = lstatSync(join(d, name));
      if (st.isDirectory()) visit(join(d, name));
      else if (st.isFile()) total += st.size;
    }
  };
  visit(dir);
  return total;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const rule: LintRule = {
  meta: {
    id: 'limit-exceeded',
    severity: 'error',
    category: 'metadata',
    description: 'More templates/queries/variables/dependencies, or bigger files, than the pack limits allow',
    fixable: false,
  },
  check(ctx) {
    const m = ctx.manifest;
    const issues: Issue[] = [];
    const counts: [keyof typeof LIMITS, number, LintCategory][] = [
      ['templates', m.templates.length, 'templates'],
      ['queries', m.queries.length, 'queries'],
      ['variables', m.variables.length, 'variables'],
      ['dependencies', m.dependencies.length, 'dependencies'],
    ];
    for (const [key, n, category] of counts) {
      if (n > LIMITS[key]) {
        issues.push(
          ctx.issue(
            this.meta,
            `${n} ${key}: the limit is ${LIMITS[key]} ${key} per pack; split the pack`,
            { path: [key], which: 'key' },
            { category },
          ),
        );
      }
    }
    if (ctx.opts.fast) return issues;
    for (const f of ctx.templates().files) {
      if (f.size > LIMITS.templateFileBytes) {
        issues.push(
          ctx.issue(
            this.meta,
            `Template file ${relative(ctx.packDir, f.abs)} is ${mb(f.size)}: the template file limit is 10 MB`,
            ['templates', f.templateIndex, 'source', 'path'],
            { category: 'templates' },
          ),
        );
      }
    }
    const size = dirSize(ctx.packDir, LIMITS.packBytes);
    if (size > LIMITS.packBytes)
      issues.push(
        ctx.issue(this.meta, `The pack is over ${mb(LIMITS.packBytes)}: the pack size limit is 100 MB; move large data out of the pack`, {
          path: ['metadata'],
          which: 'key',
        }),
      );
    return issues;
  },
};
