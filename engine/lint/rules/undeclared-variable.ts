/**
 * packs/undeclared-variable: a template, templated path, front matter, derived value, condition or
 * query parameter uses a name that no [[variables]] entry declares (row fields, lambdas and
 * `_index/_first/_last` are not variables). The fix appends a declaration to pack.toml.
 */
import { closest } from 'fastest-levenshtein';
import type { Fix, Issue } from '../../../protocol';
import { isCloseMatch } from '../../manifest/schema-check';
import type { LintContext } from '../context';
import type { LintRule } from '../types';

function declareFix(ctx: LintContext, name: string, safe: boolean): Fix | undefined {
  // Only for TOML manifests that use [[variables]] tables (an inline `variables = [...]` cannot be extended by appending).
  if (ctx.loaded.format !== 'toml') return undefined;
  if (Array.isArray(ctx.raw.variables) && !/^\s*\[\[\s*variables\s*\]\]/m.test(ctx.loaded.text)) return undefined;
  const sep = ctx.loaded.text.endsWith('\n') ? '\n' : '\n\n';
  return {
    title: `Declare variable \`${name}\` in pack.toml`,
    safe,
    file: ctx.file,
    edits: [
      {
        range: null,
        newText: `${sep}[[variables]]\nname = "${name}"\ndescription = "${name.replace(/_/g, ' ')}"\ntype = "string"\nrequired = true\n`,
      },
    ],
  };
}

export const rule: LintRule = {
  meta: {
    id: 'undeclared-variable',
    severity: 'error',
    category: 'variables',
    description: 'A template uses a variable the manifest does not declare',
    fixable: true,
    needsFiles: true,
  },
  check(ctx) {
    const declared = ctx.manifest.variables.map((v) => v.name).filter(Boolean);
    const issues: Issue[] = [];
    const fixed = new Set<string>();
    for (const ref of ctx.templates().varRefs) {
      if (declared.includes(ref.name)) continue;
      const tpl = ref.templateIndex === null ? undefined : ctx.manifest.templates[ref.templateIndex];
      if (tpl && ref.name in tpl.variables) continue; // a derived [templates.variables] value
      const guess = declared.length ? closest(ref.name, declared) : undefined;
      const typo = guess !== undefined && isCloseMatch(ref.name, guess);
      // One fix per name (several references would otherwise append several declarations).
      const fix = fixed.has(ref.name) ? undefined : declareFix(ctx, ref.name, !typo);
      if (fix) fixed.add(ref.name);
      const where = tpl ? ` in template \`${tpl.alias}\`` : '';
      issues.push(
        ctx.issue(
          this.meta,
          `\`${ref.name}\`${where} is not a declared variable${typo ? `; did you mean \`${guess}\`?` : '; declare it in [[variables]]'}`,
          ctx.at(ref.site),
          { fix },
        ),
      );
    }
    return issues;
  },
};
