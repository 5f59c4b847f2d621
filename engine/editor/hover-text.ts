/**
 * Markdown for hovers: schema docs of a manifest key, a dependency's resolved version / description
 * / maturity score, a template variable's declaration. Pure strings; the server wraps them.
 */
import type { MaturityScore } from '../../protocol';
import type { KeyPath } from '../manifest/locate';
import type { QueryDef, VariableDef } from '../manifest/model';
import { enumValues, schemaAt, typeLabel } from './schema-nav';

/** Schema documentation of the key at `path`, or null when the schema does not describe it. */
export function schemaHover(path: KeyPath, valueAt: (p: KeyPath) => unknown): string | null {
  const node = schemaAt(path, valueAt);
  if (!node) return null;
  const key = [...path].reverse().find((s) => typeof s === 'string') ?? '';
  const parts = [`**${key}** \`${typeLabel(node)}\``];
  if (node.description) parts.push(node.description);
  const values = enumValues(node).filter((v) => typeof v !== 'boolean');
  if (values.length) parts.push('Values: ' + values.map((v) => `\`${String(v)}\``).join(', '));
  return parts.join('\n\n');
}

/** A dependency: what its range resolves to, and that pack's description and maturity. */
export function dependencyHover(
  name: string,
  range: string,
  found: { version: string; source: string; description: string; score: MaturityScore | null } | null,
  available: string[],
): string {
  if (!found) {
    const have = available.length ? `Available: ${available.map((v) => `\`${v}\``).join(', ')}` : 'Not in any registry (bundled or local).';
    return `**${name}** \`${range}\`\n\nNo version satisfies \`${range}\`. ${have}`;
  }
  const score = found.score ? `\n\nMaturity: **${found.score.total}/100** (${found.score.level})` : '';
  return `**${name}** \`${range}\` → **${found.version}** (${found.source})\n\n${found.description}${score}`;
}

/** A variable as declared in `[[variables]]`. */
export function variableHover(v: VariableDef): string {
  const lines = [`**${v.name}** \`${v.type}\`${v.required ? ' (required)' : ''}${v.secret ? ' (secret)' : ''}`];
  if (v.description) lines.push(v.description);
  const facts: string[] = [];
  if (v.default !== undefined) facts.push(`default: \`${JSON.stringify(v.default)}\``);
  if (v.values?.length) facts.push(`values: ${v.values.map((x) => `\`${x}\``).join(', ')}`);
  if (v.validation?.pattern) facts.push(`pattern: \`${v.validation.pattern}\``);
  if (facts.length) lines.push(facts.join(' · '));
  return lines.join('\n\n');
}

/** A query named in a template (`queries.x`, `foreach: x`). */
export function queryHover(q: QueryDef): string {
  const src = q.source.type === 'file' ? q.source.path : q.source.type;
  return `**queries.${q.name}** (${src})${q.description ? `\n\n${q.description}` : ''}`;
}
