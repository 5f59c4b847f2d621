/**
 * Failures (as opposed to user mistakes, which are `Issue` values). Each class maps one-to-one to a
 * CLI exit code (SPEC §10) so the CLI never has to guess.
 */
import type { Issue } from '../protocol';

export type ErrorCode = 'validation' | 'resolution' | 'generation' | 'network' | 'permission' | 'not-found' | 'config' | 'internal';

const EXIT_CODES: Record<ErrorCode, number> = {
  validation: 2,
  resolution: 3,
  generation: 4,
  network: 5,
  permission: 6,
  'not-found': 7,
  config: 8,
  internal: 1,
};

/** The error class an exit code stands for (SPEC §10); codes no class has are internal. */
export function errorCodeOfExit(exit: number): ErrorCode {
  return (Object.keys(EXIT_CODES) as ErrorCode[]).find((c) => EXIT_CODES[c] === exit) ?? 'internal';
}

/**
 * Marks PackErrors across bundles: the SPARQL runtime (dist/sparql.js, which also loads RDF files) is a
 * separate bundle with its own copy of these classes, so its errors are not `instanceof` ours by
 * prototype. `Symbol.for` is shared by every copy; `instanceof` below checks the mark and the class name.
 */
const PACK_ERROR: unique symbol = Symbol.for('ggen-pack.PackError') as never;

export class PackError extends Error {
  readonly code: ErrorCode;
  /** What the user should do next; printed under the message. */
  readonly hint: string | null;
  /** Issues that explain the failure (e.g. every invalid variable), printed with the error. */
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PackError';
    this.code = code;
    this.hint = opts.hint ?? null;
    this.issues = opts.issues ?? [];
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  get [PACK_ERROR](): true {
    return true;
  }

  /** `err instanceof PackError` (or a subclass) also for errors made by another bundle's copy of the class. */
  static override [Symbol.hasInstance](this: abstract new (...args: never[]) => unknown, value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || (value as { [PACK_ERROR]?: unknown })[PACK_ERROR] !== true) return false;
    if (this === PackError) return true;
    for (let p: unknown = Object.getPrototypeOf(value); p !== null && typeof p === 'object'; p = Object.getPrototypeOf(p)) {
      if ((p as { constructor?: { name?: string } }).constructor?.name === this.name) return true;
    }
    return false;
  }
}

/** Bad arguments, invalid manifest, invalid variables: exit 2. */
export class ValidationError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('validation', message, opts);
  }
}

/** Dependency graph has no solution or a cycle: exit 3. */
export class ResolutionError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('resolution', message, opts);
  }
}

/** Rendering, query or apply failed; unresolved conflicts: exit 4. */
export class GenerationError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('generation', message, opts);
  }
}

/** A registry or URL that cannot be reached (or needs a network this build does not use yet): exit 5. */
export class NetworkError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('network', message, opts);
  }
}

/** Path escapes its root, permission denied, untrusted code: exit 6. */
export class PermissionError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('permission', message, opts);
  }
}

/** A bad configuration: `$GGEN_HOME/config.toml` that does not parse or holds a wrong value, or a bad environment value: exit 8. */
export class ConfigError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('config', message, opts);
  }
}

/** Pack, version, file or template not found: exit 7. */
export class NotFoundError extends PackError {
  constructor(message: string, opts: { hint?: string; issues?: Issue[]; cause?: unknown } = {}) {
    super('not-found', message, opts);
  }
}

/** The first line of a parser's error message (the lines after it are a code excerpt). */
export function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

/** Exit code for anything thrown: PackError → its code; other errors → 1. */
export function exitCodeOf(err: unknown): number {
  return err instanceof PackError ? err.exitCode : 1;
}

/**
 * The front end cancelled the run (an AbortSignal fired) before anything was written: exit 4 like
 * any refused generation. Flows check the signal between phases and never after the first write.
 */
export class CancelledError extends GenerationError {
  constructor(what = 'The run') {
    super(`${what} was cancelled; nothing was written`);
  }
}
