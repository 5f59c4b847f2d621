/**
 * Printing a verb's outcome: one JSON/YAML envelope on stdout, or human text on stdout with issues
 * (each with its source line and a caret) on stderr.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { CliEnvelope, Issue } from '../../protocol';
import type { CliContext } from './types';

export function envelope<T>(ok: boolean, data: T | null, issues: Issue[], error: CliEnvelope['error']): CliEnvelope<T> {
  return { ok, data, issues, error };
}

/** The yaml library is large; only `--format yaml` pays for loading it. */
const toYaml = (value: unknown): string => (require('yaml') as typeof import('yaml')).stringify(value);

export function printEnvelope(ctx: CliContext, env: CliEnvelope): void {
  const text = ctx.format === 'yaml' ? toYaml(env) : JSON.stringify(env, null, 2) + '\n';
  process.stdout.write(text);
}

const paint = (ctx: CliContext, code: number, s: string) => (ctx.color ? `\x1b[${code}m${s}\x1b[0m` : s);

/** `file:line:col: severity packs/rule: message`, then the source line and a caret, then the fix. */
export function formatIssue(ctx: CliContext, issue: Issue, sources = new Map<string, string[]>()): string {
  const file = issue.file ? relative(ctx.cwd, issue.file) || issue.file : null;
  const where = file ? `${file}${issue.range ? `:${issue.range.start.line}:${issue.range.start.column}` : ''}: ` : '';
  const sevColor = issue.severity === 'error' ? 31 : issue.severity === 'warning' ? 33 : 36;
  const lines = [`${where}${paint(ctx, sevColor, issue.severity)} ${paint(ctx, 2, issue.code)}: ${issue.message}`];
  if (issue.file && issue.range) {
    let src = sources.get(issue.file);
    if (!src) {
      try {
        src = readFileSync(issue.file, 'utf8').split(/\r?\n/);
      } catch {
        src = [];
      }
      sources.set(issue.file, src);
    }
    const text = src[issue.range.start.line - 1];
    if (text !== undefined) {
      const { start, end } = issue.range;
      const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, text.length - start.column + 1);
      const gutter = String(start.line).padStart(4);
      lines.push(`${gutter} | ${text}`);
      lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, start.column - 1))}${paint(ctx, sevColor, '^'.repeat(width))}`);
    }
  }
  if (issue.fix) lines.push(`     = fix${issue.fix.safe ? ' (safe, lint --fix)' : ''}: ${issue.fix.title}`);
  return lines.join('\n');
}

export function printIssues(ctx: CliContext, issues: Issue[]): void {
  if (issues.length === 0) return;
  const sources = new Map<string, string[]>();
  process.stderr.write(issues.map((i) => formatIssue(ctx, i, sources)).join('\n') + '\n');
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  process.stderr.write(`${errors} error(s), ${warnings} warning(s)\n`);
}
