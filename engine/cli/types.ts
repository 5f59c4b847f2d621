/**
 * The contract between the CLI shell (main.ts: parsing, output, exit codes) and each verb
 * (verbs/<verb>.ts: the work). A verb returns data and issues; the shell prints them in the
 * chosen format. A verb throws a PackError for failures; the shell maps it to the exit code.
 */
import type { Issue } from '../../protocol';
import type { ErrorCode } from '../index';

export type OutputFormat = 'human' | 'json' | 'yaml' | 'tree' | 'dot' | 'unified';

export interface CliContext {
  /** $GGEN_HOME (default ~/.ggen): local registry, cache, config.toml. */
  home: string;
  cwd: string;
  format: OutputFormat;
  quiet: boolean;
  verbose: boolean;
  /** Colour on a TTY unless NO_COLOR is set. */
  color: boolean;
  /** Progress and human notes (stderr, never stdout, so `--format json` stays one document). A closure: pass it on as a callback. */
  log(this: void, message: string): void;
  /** Like log, but only with --verbose. */
  debug(this: void, message: string): void;
}

export interface VerbResult<T = unknown> {
  data: T;
  issues?: Issue[];
  /** Human rendering of `data` (stdout); defaults to YAML-ish dump. */
  human?: () => string;
  /** Overrides the exit code (e.g. validate with errors → 2 while still printing data). */
  exitCode?: number;
  /**
   * Why a non-zero exit failed, for the envelope's `error` (`--format json`); `code` defaults to the
   * exit code's class. Without it the shell derives one from the exit code and the issues.
   */
  error?: VerbFailure;
}

/** The reason a verb that returned (rather than threw) failed. */
export interface VerbFailure {
  code?: ErrorCode;
  message: string;
  hint?: string;
}

export interface VerbOption {
  /** Commander flags, e.g. `--var <k=v>` or `--dry-run`. */
  flags: string;
  description: string;
  /** Repeatable option collected into an array. */
  repeat?: boolean;
  default?: string | boolean;
}

export interface VerbDefinition {
  name: string;
  group: 'discovery' | 'management' | 'generation' | 'composition' | 'validation' | 'publishing' | 'scoring' | 'utility';
  summary: string;
  /** Commander argument syntax, e.g. `<pack>` or `[dir]`. */
  args?: string;
  options?: VerbOption[];
  /** The work; a verb that does no asynchronous work returns its result directly. */
  run(ctx: CliContext, args: string[], opts: Record<string, unknown>): VerbResult | Promise<VerbResult>;
}
