/** `lint <path>`: every rule, with ids, severities, locations and fixes; `--fix` applies the safe fixes and re-lints. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Issue } from '../../../protocol';
import { loadManifest, applyFixes, lintManifest, openStore, type PackStore } from '../../index';
import { requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';
import { STRICT_OPTION, countIssues, packDirOf, verdictExitCode } from './validation-common';

/** Passes of fix → re-lint (a fix can uncover or unblock another, as in ESLint). */
const MAX_FIX_PASSES = 5;

export const lintVerb: VerbDefinition = {
  name: 'lint',
  group: 'validation',
  summary: 'Rule-based issues with ids, severities, locations and fixes',
  args: '<path>',
  options: [{ flags: '--fix', description: 'apply the safe fixes' }, STRICT_OPTION],
  run: (ctx, args, opts) => {
    let store: PackStore | undefined;
    const getStore = () => (store ??= openStore(ctx.home));
    const dir = packDirOf(ctx, requiredArg(args, 0, 'path'), getStore);
    const lint = () => {
      const loaded = loadManifest(dir);
      return lintManifest(loaded, dir, { store: getStore() });
    };
    let issues = lint();
    const fixed: { code: string; message: string; file: string | null; fix: string }[] = [];
    if (opts.fix) {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const { files, applied } = applyFixes(issues);
        if (applied.length === 0 || files.size === 0) break;
        for (const [file, text] of files) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
        fixed.push(...applied.map((i: Issue) => ({ code: i.code, message: i.message, file: i.file, fix: i.fix!.title })));
        issues = lint();
      }
    }
    const counts = countIssues(issues);
    const fixable = issues.filter((i) => i.fix?.safe).length;
    const data = { dir, fixed, ...counts, fixable };
    const human = () => {
      const lines: string[] = [];
      if (opts.fix) {
        lines.push(fixed.length ? `Fixed ${fixed.length} issue(s):` : 'Nothing to fix automatically.');
        for (const f of fixed) lines.push(`  ${f.file ? relative(ctx.cwd, f.file) + ': ' : ''}${f.code}: ${f.fix}`);
      }
      if (issues.length === 0) lines.push('No problems found.');
      else if (!opts.fix && fixable) lines.push(`${fixable} issue(s) can be fixed with \`ggen-pack lint --fix\`.`);
      return lines.join('\n');
    };
    return { data, issues, exitCode: verdictExitCode(issues, Boolean(opts.strict)), human };
  },
};
