/** packs/wildcard-range: `*` accepts any version, breaking changes included; pin a caret range instead. */
import semver from 'semver';
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';
import { rangesOf } from './invalid-range';

export const rule: LintRule = {
  meta: { id: 'wildcard-range', severity: 'warning', category: 'dependencies', description: 'A `*` (any version) range', fixable: true },
  check(ctx) {
    const issues: Issue[] = [];
    for (const r of rangesOf(ctx.raw)) {
      if (!['*', 'x', 'X', ''].includes(r.range.trim())) continue;
      const name = r.path[0] === 'dependencies' ? String(r.path[1]) : null;
      const newest = name ? ctx.opts.store?.versions(name).find((v) => !semver.prerelease(v.version))?.version : undefined;
      const caret = `^${newest ?? '1.0.0'}`;
      const range = ctx.locate(r.path);
      issues.push(
        ctx.issue(
          this.meta,
          `${r.what.charAt(0).toUpperCase()}${r.what.slice(1)} accepts any version (\`*\`); use a caret range such as \`${caret}\``,
          r.path,
          {
            fix: { title: `Use "${caret}"`, safe: true, edits: [{ range, newText: JSON.stringify(caret) }] },
          },
        ),
      );
    }
    return issues;
  },
};
