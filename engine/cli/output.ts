/**
 * Printing a verb's outcome: one JSON/YAML envelope on stdout, or human text on stdout with issues
 * (each with its source line and a caret) on stderr.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { CliEnvelope, Issue } from '../../protocol';
import { errorCodeOfExit } from '../index';
import type { CliContext, VerbFailure } from './types';

/**
 * The envelope's `error` for a verb that returned with a non-zero exit code: the verb's own reason
 * if it gave one, else one derived from the exit code and the error issues.
 */
export function failureOf(
  verb: string,
  exitCode: number,
  issues: readonly Issue[],
  given?: VerbFailure,
): NonNullable<CliEnvelope['error']> {
  const code = given?.code ?? errorCodeOfExit(exitCode);
  if (given) return { code, message: given.message, hint: given.hint ?? null };
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (errors.length) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : '';
    return { code, message: `${errors[0]!.message}${more}`, hint: 'The issues list every problem with its file and position.' };
  }
  if (warnings.length) {
    return { code, message: `${warnings.length} warning(s) fail the check`, hint: 'Warnings fail only with --strict.' };
  }
  return { code, message: `${verb} failed (exit code ${exitCode})`, hint: null };
}

/** At most five paths, then how many more (for error messages). */
export function listPaths(paths: readonly string[]): string {
  return paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
}

/** The one JSON/YAML document a verb prints. A failed envelope always says why: `ok: false` never goes with `error: null`. */
export function envelope<T>(ok: boolean, data: T | null, issues: Issue[], error: CliEnvelope['error']): CliEnvelope<T> {
  return { ok, data, issues, error: ok ? error : (error ?? failureOf('the command', 1, issues)) };
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
