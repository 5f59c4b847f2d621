/** packs/duplicate-output: two template files that render to the same output path. */
import { relative } from 'node:path';
import type { Issue } from '../../../protocol';
import type { TemplateFile } from '../template-scan';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'duplicate-output',
    severity: 'error',
    category: 'templates',
    description: 'Two templates (or files) writing the same path',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const seen = new Map<string, TemplateFile>();
    const alias = (f: TemplateFile) => ctx.manifest.templates[f.templateIndex]?.alias ?? `#${f.templateIndex + 1}`;
    const name = (f: TemplateFile) =>
      f.abs === ctx.file ? `inline template \`${alias(f)}\`` : `${relative(ctx.packDir, f.abs)} (template \`${alias(f)}\`)`;
    for (const f of ctx.templates().files) {
      if (f.output === null) continue;
      const key = f.output.replace(/\/{2,}/g, '/').replace(/^\.\//, '');
      const prev = seen.get(key);
      if (!prev) {
        seen.set(key, f);
        continue;
      }
      issues.push(ctx.issue(this.meta, `${name(f)} and ${name(prev)} both write ${key}`, ctx.at(f.outputSite)));
    }
    return issues;
  },
};
