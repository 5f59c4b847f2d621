/** The CLI's FlowContext: its home and cwd, notes to stderr, hook output to stderr, trust from --allow-hooks or a yes. */
import type { FlowContext } from '../index';
import { trustFor } from './hook-trust';
import type { CliContext } from './types';

export function flowContext(ctx: CliContext, opts: Record<string, unknown>): FlowContext {
  return {
    home: ctx.home,
    cwd: ctx.cwd,
    log: ctx.log,
    hookOutput: (chunk) => process.stderr.write(chunk),
    trust: trustFor(ctx, Boolean(opts.allowHooks)),
  };
}
