/**
 * The lint rule contract: one rule per file in rules/, each a `meta` record plus a pure `check`
 * over a LintContext. The CLI (validate/lint/check), the language server and the score panel all
 * run the same rules through engine/lint/index.ts.
 */
import type { Issue, Severity } from '../../protocol';
import type { PackStore } from '../registry/types';
import type { LintContext } from './context';

/** The validation-score categories (SPEC §6). */
export const LINT_CATEGORIES = ['metadata', 'templates', 'queries', 'variables', 'dependencies', 'documentation'] as const;
export type LintCategory = (typeof LINT_CATEGORIES)[number];

export interface RuleMeta {
  /** The rule id; issues use `packs/<id>`. */
  id: string;
  /** Default severity of the rule's issues. */
  severity: Severity;
  category: LintCategory;
  description: string;
  /** True when (some of) its issues carry a fix. */
  fixable: boolean;
  /** Reads template or query files or parses their contents: skipped by the fast `check`. */
  needsFiles?: boolean;
  /** Needs the pack store (registry lookups): skipped when none is given. */
  needsStore?: boolean;
}

export interface LintRule {
  meta: RuleMeta;
  check(ctx: LintContext): Issue[];
}

// Both accept undefined (= absent) so callers can pass their own optional options through.
export interface LintOptions {
  /** Registry access for dependency rules; without it those rules are skipped. */
  store?: PackStore | undefined;
  /** Only syntax, schema and cheap manifest rules (no template or query files). */
  fast?: boolean | undefined;
}
