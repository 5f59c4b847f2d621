/**
 * packs/symlink-escape: a symbolic link in a template source that leads outside the pack.
 * Generation refuses such a template (engine/render/template-files.ts, exit 6) and a pack must not
 * read files of the machine it is used on, so validate reports every such link up front.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Issue } from '../../../protocol';
import { insidePack } from '../paths';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'symlink-escape',
    severity: 'error',
    category: 'templates',
    description: 'A symbolic link in a template source that leads outside the pack',
    fixable: false,
    needsFiles: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    let packReal: string;
    try {
      packReal = realpathSync(ctx.packDir);
    } catch {
      return issues;
    }
    const inside = (real: string) => real === packReal || real.startsWith(packReal + sep);
    for (const t of ctx.manifest.templates) {
      if (t.source.type !== 'local') continue;
      const root = insidePack(ctx.packDir, t.source.path);
      if (!root) continue; // packs/path-escape
      const at = ['templates', t.index, 'source', 'path'];
      const report = (abs: string) =>
        issues.push(
          ctx.issue(
            this.meta,
            `Template file ${relative(ctx.packDir, abs)} of \`${t.alias}\` is a symbolic link to ${readlinkSync(abs)}, outside the pack; generation refuses it: copy the file into the pack`,
            at,
          ),
        );
      const seen = new Set<string>();
      const visit = (abs: string) => {
        let st;
        try {
          st = lstatSync(abs);
        } catch {
          return; // missing: packs/template-path-missing
        }
        let real = abs;
        if (st.isSymbolicLink()) {
          try {
            real = realpathSync(abs);
          } catch {
            return; // a dangling link
          }
          if (!inside(real)) return void report(abs);
          try {
            st = lstatSync(real);
          } catch {
            return;
          }
        }
        if (!st.isDirectory() || seen.has(real)) return;
        seen.add(real);
        for (const name of readdirSync(abs).sort()) visit(join(abs, name));
      };
      visit(root);
    }
    return issues;
  },
};
