/** packs/path-escape: output and source paths must stay inside their root (no absolute paths, no `..`). */
import type { Issue } from '../../../protocol';
import type { KeyPath } from '../../manifest/locate';
import { escapesRoot } from '../paths';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'path-escape',
    severity: 'error',
    category: 'templates',
    description: 'A path that is absolute or climbs out of its root with `..`',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const check = (p: string | undefined, path: KeyPath, what: string, category?: 'queries') => {
      if (p !== undefined && escapesRoot(p)) {
        issues.push(
          ctx.issue(this.meta, `${what} ${JSON.stringify(p)} escapes its root; use a relative path without \`..\``, path, { category }),
        );
      }
    };
    for (const t of ctx.manifest.templates) {
      const base = ['templates', t.index];
      check(t.outputPath, [...base, 'output_path'], `Output path of template \`${t.alias}\``);
      if (t.source.type === 'local') check(t.source.path, [...base, 'source', 'path'], `Source path of template \`${t.alias}\``);
      if (t.source.type === 'inline') check(t.source.to, [...base, 'source', 'to'], `Output path of template \`${t.alias}\``);
    }
    for (const q of ctx.manifest.queries) {
      check(q.outputPath, ['queries', q.index, 'output_path'], `Output path of query \`${q.name}\``, 'queries');
      if (q.source.type === 'file') check(q.source.path, ['queries', q.index, 'source', 'path'], `Path of query \`${q.name}\``, 'queries');
    }
    ctx.manifest.rdf.files.forEach((f, i) => check(f, ['rdf', 'files', i], 'RDF file', 'queries'));
    if (!ctx.opts.fast) {
      // Front matter `to:` of template files (the manifest-level paths are checked above).
      for (const f of ctx.templates().files) {
        if (f.to !== undefined && 'file' in f.outputSite && escapesRoot(f.to)) {
          issues.push(ctx.issue(this.meta, `\`to: ${f.to}\` escapes the output root; use a relative path without \`..\``, f.outputSite));
        }
      }
    }
    return issues;
  },
};
