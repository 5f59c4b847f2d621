/**
 * What every flow (generate, compose, regenerate, update) needs from the front end that calls it:
 * where the packs live, a sink for progress and notes, the answer to "may these hook commands run?"
 * and a way to cancel. The CLI fills it from its flags and terminal; the extension from its settings,
 * output channel, trust modal and progress notification. Nothing in a flow prints.
 */
import { CancelledError } from '../errors';
import type { Trust } from '../hooks';

export interface FlowContext {
  /** $GGEN_HOME: the local registry, cache and config.toml. */
  home: string;
  /** Relative paths (pack paths, --data files, composition files) resolve against this. */
  cwd: string;
  /** Progress and human notes, one line each. */
  log: (message: string) => void;
  /** Raw output of hook commands, line-prefixed with the hook name (default: `log`). */
  hookOutput?: (chunk: string) => void;
  /** Asked once per hook stage with the exact commands; false means the hooks are skipped (and reported). */
  trust: Trust;
  /** Cancels the run; checked between phases, never after the first file is written. */
  signal?: AbortSignal | undefined;
}

/** Throw CancelledError when `signal` has fired: called by flows between phases. */
export function throwIfCancelled(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new CancelledError(what);
}

/** A trust callback that never allows hooks (hooks are then listed as skipped). */
export const NEVER_TRUST: Trust = () => Promise.resolve(false);
