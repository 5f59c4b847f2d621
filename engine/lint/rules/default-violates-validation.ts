/** packs/default-violates-validation: a default must satisfy its own type, enum values and validation. */
import type { Issue } from '../../../protocol';
import { coerceVariableValue, validateVariableValue } from '../../manifest/coerce';
import type { VariableValue } from '../../manifest/model';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'default-violates-validation',
    severity: 'error',
    category: 'variables',
    description: 'A default value that its own declaration rejects',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const raw = Array.isArray(ctx.raw.variables) ? ctx.raw.variables : [];
    for (const v of ctx.manifest.variables) {
      const input = (raw[v.index] as { default?: VariableValue } | undefined)?.default;
      if (input === undefined) continue;
      const path = ['variables', v.index, 'default'];
      const coerced = coerceVariableValue(v, input);
      if (!coerced.ok) {
        issues.push(ctx.issue(this.meta, `Default of \`${v.name}\` is not a valid ${v.type}: ${coerced.message}`, path));
        continue;
      }
      const problems = validateVariableValue(v, coerced.value).filter((p) => !p.includes('does not compile'));
      if (problems.length) issues.push(ctx.issue(this.meta, `Default of \`${v.name}\` ${problems.join('; ')}`, path));
    }
    return issues;
  },
};
