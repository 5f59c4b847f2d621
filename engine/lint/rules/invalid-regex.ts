/** packs/invalid-regex: validation patterns and `matches` conditions must compile (JavaScript, Unicode mode). */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

function compileError(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (err) {
    return (err as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

export const rule: LintRule = {
  meta: {
    id: 'invalid-regex',
    severity: 'error',
    category: 'variables',
    description: 'A regular expression that does not compile',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const v of ctx.manifest.variables) {
      const p = v.validation?.pattern;
      const err = p === undefined ? null : compileError(p);
      if (err)
        issues.push(
          ctx.issue(this.meta, `Pattern of variable \`${v.name}\` does not compile: ${err}`, [
            'variables',
            v.index,
            'validation',
            'pattern',
          ]),
        );
    }
    for (const t of ctx.manifest.templates) {
      t.conditions.forEach((c, i) => {
        const err = c.operator === 'matches' ? compileError(c.value) : null;
        if (err)
          issues.push(
            ctx.issue(
              this.meta,
              `Condition regex of template \`${t.alias}\` does not compile: ${err}`,
              ['templates', t.index, 'conditions', i, 'value'],
              { category: 'templates' },
            ),
          );
      });
    }
    return issues;
  },
};
