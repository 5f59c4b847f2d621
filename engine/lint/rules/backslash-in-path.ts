/**
 * packs/backslash-in-path: template file and folder names, front matter `to:` and output paths
 * with a backslash. Generation treats `\` as a folder separator on every platform (so `a\b.rs`
 * is written as `a/b.rs`, and `..\x` is refused as an escape), and such a name cannot exist on
 * Windows: the pack would generate differently from what its files say.
 */
import { relative, sep } from 'node:path';
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'backslash-in-path',
    severity: 'error',
    category: 'templates',
    description: 'A backslash in a template file name, `to:` or output path (use `/`)',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const t of ctx.manifest.templates) {
      if (t.outputPath?.includes('\\'))
        issues.push(
          ctx.issue(
            this.meta,
            `Output path ${JSON.stringify(t.outputPath)} of template \`${t.alias}\` has a backslash; separate folders with /`,
            ['templates', t.index, 'output_path'],
          ),
        );
      if (t.source.type === 'inline' && t.source.to.includes('\\'))
        issues.push(
          ctx.issue(
            this.meta,
            `Output path ${JSON.stringify(t.source.to)} of template \`${t.alias}\` has a backslash; separate folders with /`,
            ['templates', t.index, 'source', 'to'],
          ),
        );
    }
    for (const f of ctx.templates().files) {
      if (f.abs === ctx.file) continue; // inline templates: checked above
      // On Windows `\` is the separator itself, so a name cannot hold one.
      const rel = relative(ctx.packDir, f.abs);
      if (sep === '/' && rel.includes('\\')) {
        issues.push(
          ctx.issue(
            this.meta,
            `Template file ${JSON.stringify(rel)} has a backslash in its name: generation reads it as a folder separator, and the file cannot exist on Windows; rename it`,
            ['templates', f.templateIndex, 'source', 'path'],
          ),
        );
      }
      if (f.to?.includes('\\') && 'file' in f.outputSite) {
        issues.push(ctx.issue(this.meta, `\`to: ${f.to}\` has a backslash; separate folders with /`, f.outputSite));
      }
    }
    return issues;
  },
};
