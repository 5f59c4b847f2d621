/**
 * The rules that report the JSON-schema check's findings (engine/manifest/schema-check.ts): the check
 * runs once per lint (LintContext.schemaIssues) and each rule picks the issues of its own code.
 */
import type { LintCategory } from '../../../protocol';
import type { KeyPath } from '../../manifest/locate';
import type { RuleMeta } from '../meta';
import type { LintRule } from '../types';

const TOP: Record<string, LintCategory> = {
  metadata: 'metadata',
  templates: 'templates',
  hooks: 'templates',
  excludes: 'templates',
  queries: 'queries',
  rdf: 'queries',
  variables: 'variables',
  dependencies: 'dependencies',
  examples: 'documentation',
};

/** Score category of a schema issue: the top-level table its key path is in (metadata otherwise). */
export function categoryOfPath(path: KeyPath): LintCategory {
  return TOP[String(path[0])] ?? 'metadata';
}

/** The rule `meta` whose issues are the schema check's issues with code `packs/<meta.id>`, each in the category of its key path. */
export function schemaRule(meta: RuleMeta): LintRule {
  const code = `packs/${meta.id}`;
  return {
    meta,
    check: (ctx) =>
      ctx
        .schemaIssues()
        .filter((s) => s.issue.code === code)
        .map((s) => ({ ...s.issue, category: categoryOfPath(s.path) })),
  };
}
