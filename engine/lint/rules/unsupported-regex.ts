/**
 * packs/unsupported-regex: validation patterns and `matches` conditions run on RE2, a linear-time
 * engine (engine/render/user-regex.ts), so they cannot hang generation; RE2 has no backreferences
 * or lookaround. A pattern that is valid JavaScript but not RE2 is reported here (one that is not
 * valid JavaScript at all is packs/invalid-regex), so validate refuses what generate cannot run.
 */
import type { Issue } from '../../../protocol';
import { compileUserRegex } from '../../render/user-regex';
import type { LintRule } from '../types';

/** Why RE2 cannot run `pattern`, or null (fine, or not a JavaScript regex: invalid-regex says so). */
function re2Problem(pattern: string): string | null {
  const r = compileUserRegex(pattern);
  return !r.ok && r.kind === 're2' ? r.message : null;
}

export const rule: LintRule = {
  meta: {
    id: 'unsupported-regex',
    severity: 'error',
    category: 'variables',
    description: 'A regular expression the linear-time engine (RE2) cannot run: backreferences, lookaround',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const v of ctx.manifest.variables) {
      const p = v.validation?.pattern;
      const why = p === undefined ? null : re2Problem(p);
      if (p !== undefined && why)
        issues.push(
          ctx.issue(
            this.meta,
            `Pattern /${p}/ of variable \`${v.name}\` cannot be used: ${why}. Patterns run on RE2 (linear time, no backreferences or lookaround); rewrite it`,
            ['variables', v.index, 'validation', 'pattern'],
          ),
        );
    }
    for (const t of ctx.manifest.templates) {
      t.conditions.forEach((c, i) => {
        const why = c.operator === 'matches' ? re2Problem(c.value) : null;
        if (why)
          issues.push(
            ctx.issue(
              this.meta,
              `Condition regex /${c.value}/ on \`${c.variable}\` in template \`${t.alias}\` cannot be used: ${why}. Patterns run on RE2 (linear time, no backreferences or lookaround); rewrite it`,
              ['templates', t.index, 'conditions', i, 'value'],
              { category: 'templates' },
            ),
          );
      });
    }
    return issues;
  },
};
