/**
 * The lint engine: every rule of rules/ over one manifest. The CLI (validate, lint, check), the
 * language server (on unsaved buffers, via parseManifestText) and the score panel call these.
 */
import type { Issue, LintCategory } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import { loadManifest } from '../manifest/load';
import type { PackStore } from '../registry/types';
import { LintContext } from './context';
import type { LintOptions } from './meta';
import { RULES } from './rules';
import { validationScore } from './score';

export { LINT_CATEGORIES, type LintCategory } from '../../protocol';
export type { LintOptions, RuleMeta } from './meta';
export type { LintRule } from './types';
export { RULES, ruleById } from './rules';
export { applyFixes, applyTextEdits, fixFile, planFixes, type FilePlan, type FixOutcome, type FixTargetOptions } from './fixes';
export { validationScore, type ValidationScore } from './score';
export { checkCompatibility, type OtherPack } from './compat';

/** What `validatePack` returns: the issues and the validation score. */
export interface ValidationReport {
  issues: Issue[];
  score: number;
  categories: Record<LintCategory, number>;
}

/**
 * Lint a loaded manifest (from disk or an editor buffer). Template and query files are read from
 * `packDir`. With `opts.fast` only syntax, schema and cheap manifest rules run; dependency rules
 * that need a registry run only with `opts.store`. Issues are sorted by file, line, column.
 */
export function lintManifest(loaded: LoadedManifest, packDir: string, opts: LintOptions = {}): Issue[] {
  // The loader's issues (syntax, manifest warnings) are not from a rule; the score counts them as metadata.
  const issues: Issue[] = loaded.issues.map((i) => (i.category ? i : { ...i, category: 'metadata' }));
  if (!loaded.manifest) return issues;
  const ctx = new LintContext(loaded, packDir, opts);
  for (const rule of RULES) {
    if ((opts.fast && rule.meta.needsFiles) || (rule.meta.needsStore && !opts.store)) continue;
    try {
      // Not push(...found): a rule may report 100,000+ issues (one per variable), more than a call's arguments can hold.
      for (const issue of rule.check(ctx)) issues.push(issue);
    } catch (err) {
      // A rule bug must not hide the other rules' findings.
      issues.push({
        code: 'packs/internal',
        severity: 'error',
        message: `Lint rule ${rule.meta.id} failed: ${(err as Error).message}`,
        file: loaded.file,
        range: null,
        category: rule.meta.category,
      });
    }
  }
  return sortIssues(issues, loaded.file);
}

/** Manifest issues first, then other files by path; within a file by position, then code. */
export function sortIssues(issues: Issue[], manifestFile: string): Issue[] {
  const rank = (i: Issue) => (i.file === manifestFile ? '' : (i.file ?? '\uffff'));
  return issues.sort(
    (a, b) =>
      rank(a).localeCompare(rank(b)) ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/**
 * The errors that make a manifest unusable for generation (syntax, schema, manifest rules: the fast
 * lint, positioned), for verbs that refuse a pack instead of reporting on it. Empty when it is usable.
 */
export function manifestErrors(loaded: LoadedManifest, packDir: string): Issue[] {
  return lintManifest(loaded, packDir, { fast: true }).filter((i) => i.severity === 'error');
}

/** Load, lint and score the pack in `dir` (throws NotFoundError when it has no manifest). */
export function validatePack(dir: string, opts: { store?: PackStore; strict?: boolean; fast?: boolean } = {}): ValidationReport {
  const loaded = loadManifest(dir);
  const issues = lintManifest(loaded, dir, { store: opts.store, fast: opts.fast });
  return { issues, ...validationScore(issues) };
}
