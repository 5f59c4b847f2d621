/**
 * What a hook runs, as exact commands, decided before anything runs so the user can be shown the
 * list and asked (SPEC §4: no pack code without explicit trust). Builtins map to the project's own
 * tooling: npm scripts when there is a package.json, cargo when there is a Cargo.toml; a builtin
 * with nothing to run is reported, not faked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HookDef } from '../manifest/model';

export interface HookCommand {
  pack: string;
  hook: HookDef;
  /** Null when a builtin has nothing to do in this project (the reason says why). */
  command: string | null;
  args: string[];
  reason?: string;
  /** Seconds (default 300). */
  timeout: number;
}

function npmScripts(dir: string): Record<string, string> {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  } catch {
    return {};
  }
}

/** The command of a builtin hook in the project at `dir`. */
function builtin(fn: string, dir: string): { command: string | null; args: string[]; reason?: string } {
  const npm = existsSync(join(dir, 'package.json'));
  const cargo = existsSync(join(dir, 'Cargo.toml'));
  const scripts = npm ? npmScripts(dir) : {};
  const npmScript = (name: string) => (scripts[name] ? { command: 'npm', args: ['run', name] } : null);
  const none = (why: string) => ({ command: null, args: [], reason: why });
  switch (fn) {
    case 'git-init':
      return existsSync(join(dir, '.git')) ? none('already a git repository') : { command: 'git', args: ['init', '--quiet'] };
    case 'install-dependencies':
      if (npm) return { command: 'npm', args: ['install', '--no-audit', '--no-fund'] };
      if (cargo) return { command: 'cargo', args: ['fetch'] };
      return none('no package.json or Cargo.toml');
    case 'run-tests':
      if (npm && scripts.test) return { command: 'npm', args: ['test'] };
      if (cargo) return { command: 'cargo', args: ['test'] };
      return none('no test script');
    case 'format-code':
      return npmScript('format') ?? (cargo ? { command: 'cargo', args: ['fmt'] } : none('no format script'));
    case 'lint-code':
      return npmScript('lint') ?? (cargo ? { command: 'cargo', args: ['clippy'] } : none('no lint script'));
    case 'generate-docs':
      return npmScript('docs') ?? (cargo ? { command: 'cargo', args: ['doc', '--no-deps'] } : none('no docs script'));
    default:
      return none(`unknown builtin "${fn}"`);
  }
}

/**
 * The executable and arguments of a `command` hook. ggen's design writes both
 * `command = "npm", args = ["install"]` and `command = "npm install"` (no args): without `args`,
 * `command` is a command line, split on whitespace (no shell: no quoting, globbing or variables).
 * With `args`, `command` is the executable exactly as written (a path may contain spaces).
 */
export function commandOf(hook: Extract<HookDef, { type: 'command' }>): { command: string; args: string[] } {
  if (hook.hasArgs) return { command: hook.command, args: hook.args };
  const [command = '', ...args] = hook.command.trim().split(/\s+/);
  return { command, args };
}

/** The commands of `hooks` for the project at `dir`, in declaration order. */
export function hookCommands(hooks: { pack: string; hook: HookDef }[], dir: string): HookCommand[] {
  return hooks.map(({ pack, hook }) => {
    const timeout = hook.timeout ?? 300;
    if (hook.type === 'command') return { pack, hook, ...commandOf(hook), timeout };
    return { pack, hook, ...builtin(hook.function, dir), timeout };
  });
}

/** `git init --quiet`, for the confirmation list. */
export const commandLine = (c: HookCommand) =>
  c.command ? [c.command, ...c.args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ') : `(nothing: ${c.reason})`;
