/** Shared by validate / lint / check: which pack folder an argument means, `--strict` and the verdict. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Issue } from '../../../protocol';
import { NotFoundError, MANIFEST_FILES, isPathArg, resolvePackArg, type PackStore } from '../../index';
import type { CliContext, VerbFailure, VerbOption } from '../types';

/**
 * The pack folder of `arg`: a path (a folder, or its pack.toml / pack.yaml) is used as it is, even
 * when its manifest does not parse (so the syntax error is reported as an issue); a name is found
 * in the store (`--version` range or `name@range`).
 */
export function packDirOf(ctx: CliContext, arg: string, store: () => PackStore, range?: string): string {
  const asPath = () => {
    const p = resolve(ctx.cwd, arg);
    if (!existsSync(p)) throw new NotFoundError(`No pack folder at ${p}`, { hint: 'Check the path, or give a pack name instead.' });
    return statSync(p).isFile() && isManifestFileName(basename(p)) ? dirname(p) : p;
  };
  if (isPathArg(arg, ctx.cwd)) return asPath();
  try {
    return resolvePackArg(store(), ctx.cwd, arg, range).dir;
  } catch (err) {
    // A bare folder name is a name first (SPEC §10); only when no pack has it, a folder of that name in the cwd will do.
    if (err instanceof NotFoundError && MANIFEST_FILES.some((m) => existsSync(resolve(ctx.cwd, arg, m)))) return asPath();
    throw err;
  }
}

const isManifestFileName = (name: string): boolean => (MANIFEST_FILES as readonly string[]).includes(name);

export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  return { errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length };
}

/** `--strict` of validate / lint / check, parsed by `verdictExitCode`. */
export const STRICT_OPTION: VerbOption = { flags: '--strict', description: 'warnings fail too' };

/** Exit 2 on errors, or on warnings with --strict (SPEC §10). */
export function verdictExitCode(issues: readonly Issue[], strict: boolean): number {
  const { errors, warnings } = countIssues(issues);
  return errors > 0 || (strict && warnings > 0) ? 2 : 0;
}

/** Why the verdict failed (the envelope's `error`), or undefined when it passed. `what` names the pack. */
export function verdictFailure(issues: readonly Issue[], strict: boolean, what: string): VerbFailure | undefined {
  if (verdictExitCode(issues, strict) === 0) return undefined;
  const { errors, warnings } = countIssues(issues);
  const first = issues.find((i) => i.severity === (errors > 0 ? 'error' : 'warning'));
  const counts = errors > 0 ? `${errors} error(s), ${warnings} warning(s)` : `${warnings} warning(s) with --strict`;
  return {
    code: 'validation',
    message: `${what} is not valid: ${counts}${first ? `; first: ${first.message}` : ''}`,
    hint: 'The issues list every problem with its file and position; `ggen-pack lint --fix` applies the safe fixes.',
  };
}
