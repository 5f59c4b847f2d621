/**
 * The lint rule contract: one rule per file in rules/, each a `meta` record plus a pure `check`
 * over a LintContext. The CLI (validate/lint/check), the language server and the score panel all
 * run the same rules through engine/lint/index.ts.
 */
import type { Issue } from '../../protocol';
import type { LintContext } from './context';
import type { RuleMeta } from './meta';

/** A lint rule: its meta record and the check that reports its issues. */
export interface LintRule {
  meta: RuleMeta;
  check(ctx: LintContext): Issue[];
}
