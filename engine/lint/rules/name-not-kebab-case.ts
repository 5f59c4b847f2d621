/** packs/name-not-kebab-case: pack names are kebab-case, 1-64 characters, optionally `@scope/`. */
import type { LintRule } from '../types';

const NAME = /^(@[a-z0-9][a-z0-9-]*\/)?[a-z0-9]+(-[a-z0-9]+)*$/;

/** `My_Cool Pack` → `my-cool-pack` (the scope, if any, is kept and normalized the same way). */
export function toKebabCase(name: string): string {
  const kebab = (s: string) =>
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const m = /^@([^/]+)\/(.*)$/.exec(name);
  return m ? `@${kebab(m[1]!)}/${kebab(m[2]!)}` : kebab(name); // both groups take part in every match
}

export const rule: LintRule = {
  meta: {
    id: 'name-not-kebab-case',
    severity: 'error',
    category: 'metadata',
    description: 'metadata.name is not kebab-case (1-64 chars, optional @scope/)',
    fixable: true,
  },
  check(ctx) {
    const name = (ctx.raw.metadata as Record<string, unknown> | undefined)?.name;
    if (typeof name !== 'string') return [];
    const bare = name.replace(/^@[^/]*\//, '');
    if (NAME.test(name) && bare.length <= 64) return [];
    if (bare.length > 64) return [ctx.issue(this.meta, `Pack name is ${bare.length} characters; the limit is 64`, ['metadata', 'name'])];
    const fixed = toKebabCase(name);
    const range = ctx.locate(['metadata', 'name']);
    const ok = NAME.test(fixed);
    return [
      ctx.issue(
        this.meta,
        `Pack name ${JSON.stringify(name)} is not kebab-case${ok ? `; use \`${fixed}\`` : ' (lowercase letters, digits and single hyphens)'}`,
        ['metadata', 'name'],
        {
          fix: ok ? { title: `Rename to "${fixed}"`, safe: true, edits: [{ range, newText: JSON.stringify(fixed) }] } : undefined,
        },
      ),
    ];
  },
};
