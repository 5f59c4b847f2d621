/** packs/variable-not-snake-case: variable names are snake_case identifiers (`project_name`). */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** `projectName` / `Project-Name` → `project_name`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '');
}

export const rule: LintRule = {
  meta: {
    id: 'variable-not-snake-case',
    severity: 'error',
    category: 'variables',
    description: 'A variable name that is not a snake_case identifier',
    fixable: true,
  },
  check(ctx) {
    const issues: Issue[] = [];
    for (const v of ctx.manifest.variables) {
      if (!v.name || SNAKE.test(v.name)) continue;
      const fixed = toSnakeCase(v.name);
      const path = ['variables', v.index, 'name'];
      const range = ctx.locate(path);
      // Not safe: templates still say the old name; the editor offers it as a quick fix only.
      const fix = SNAKE.test(fixed)
        ? { title: `Rename to "${fixed}" (update the templates too)`, safe: false, edits: [{ range, newText: JSON.stringify(fixed) }] }
        : undefined;
      issues.push(
        ctx.issue(this.meta, `Variable name ${JSON.stringify(v.name)} is not snake_case${fixed ? `; use \`${fixed}\`` : ''}`, path, {
          fix,
        }),
      );
    }
    return issues;
  },
};
