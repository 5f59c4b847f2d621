/** Score category of a schema issue: the top-level table its key path is in. */
import type { KeyPath } from '../../manifest/locate';
import type { LintCategory } from '../types';

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

export function categoryOfPath(path: KeyPath): LintCategory {
  return TOP[String(path[0])] ?? 'metadata';
}
