/** packs/missing-changelog-entry: CHANGELOG.md must have a section for the current version (publish gate). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import type { Fix } from '../../../protocol';
import type { LintRule } from '../types';
import { findDocFile } from './doc-files';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when the changelog has a heading for `version` (`## 1.2.0`, `## [1.2.0] - 2024-…`, `## v1.2.0`). */
export function hasChangelogEntry(text: string, version: string): boolean {
  return new RegExp(`^#{1,6}\\s*\\[?v?${escape(version)}\\]?(\\s|$)`, 'm').test(text);
}

export const rule: LintRule = {
  meta: {
    id: 'missing-changelog-entry',
    severity: 'warning',
    category: 'documentation',
    description: 'No CHANGELOG entry for the current version',
    fixable: true,
  },
  check(ctx) {
    const version = ctx.manifest.metadata.version;
    if (!semver.valid(version)) return [];
    const file = findDocFile(ctx.packDir, /^changelog(\.md)?$/i);
    const text = file ? readFileSync(file, 'utf8') : null;
    if (text !== null && hasChangelogEntry(text, version)) return [];
    const section = `## ${version}\n\n- Describe the changes in ${version}.\n`;
    let fix: Fix;
    if (text === null) {
      fix = {
        title: 'Create CHANGELOG.md',
        safe: true,
        file: join(ctx.packDir, 'CHANGELOG.md'),
        edits: [{ range: null, newText: `# Changelog\n\n${section}` }],
      };
    } else {
      // Newest first: insert after the title line when there is one, else at the top.
      const lines = text.split('\n');
      const title = lines.findIndex((l) => /^#\s/.test(l));
      const at = { line: title >= 0 ? title + 2 : 1, column: 1 };
      const newText = title >= 0 ? (title + 1 < lines.length ? `\n${section}` : `\n\n${section}`) : `${section}\n`;
      fix = {
        title: `Add a "## ${version}" section to ${file!.split(/[\\/]/).pop()}`,
        safe: true,
        file: file!,
        edits: [{ range: { start: at, end: at }, newText }],
      };
    }
    const msg =
      text === null
        ? `No CHANGELOG.md; add one with a "## ${version}" section (required to publish)`
        : `CHANGELOG has no entry for ${version}; add a "## ${version}" section (required to publish)`;
    return [ctx.issue(this.meta, msg, ['metadata', 'version'], { fix })];
  },
};
