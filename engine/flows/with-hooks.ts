/**
 * The hook flow around writing a plan, shared by generate and compose: pre hooks, apply, post hooks,
 * and the rollback when a post hook fails (SPEC §4). Hooks run only when the front end's trust
 * callback says so (the CLI: --allow-hooks or a yes; the extension: a trusted workspace and a modal).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { applyPlan, type ApplyResult, type GenerationPlan } from '../generate';
import { GenerationError, PackError } from '../errors';
import { rollBackGeneration, runStage, undoPoint, type HookSession } from '../hooks';
import { throwIfCancelled, type FlowContext } from './context';

export interface HookOptions {
  dryRun: boolean;
  skipHooks: boolean;
  /** Whether applyPlan may replace existing files (the run's settled conflict mode). */
  overwrite: boolean;
}

/** Pre hooks, the atomic apply of `plan` into `output`, post hooks (rolling back if one fails). */
export async function applyWithHooks(
  ctx: FlowContext,
  opts: HookOptions,
  plan: GenerationPlan,
  output: string,
): Promise<{ applied: ApplyResult; hooks: HookSession }> {
  const session: HookSession = { runs: [], skipped: [] };
  const withHooks = plan.hooks.length > 0 && !opts.skipHooks && !opts.dryRun;
  // What a failed post hook rolls back to (nothing to record when no hook runs: one read fewer).
  const undo = withHooks ? undoPoint(output) : null;
  if (undo && plan.hooks.some((h) => h.hook.stage.startsWith('pre_'))) {
    mkdirSync(output, { recursive: true });
    try {
      await runStage('pre', plan.hooks, output, ctx.trust, ctx.log, session, ctx.hookOutput);
    } catch (err) {
      if (!undo.existedBefore) rmSync(output, { recursive: true, force: true });
      throw err;
    }
  }
  throwIfCancelled(ctx.signal); // the last moment: after this, the apply runs to its end or rolls back
  // The flows recovered `output` before planning and hold its project lock since.
  const applied = await applyPlan(plan, { output, overwrite: opts.overwrite, dryRun: opts.dryRun, recovered: true });
  if (undo) {
    try {
      await runStage('post', plan.hooks, output, ctx.trust, ctx.log, session, ctx.hookOutput);
    } catch (err) {
      rollBackGeneration({ ...undo, files: applied.files, backupDir: applied.backupDir });
      if (err instanceof PackError)
        throw new GenerationError(`${err.message}; the generation was rolled back`, {
          ...(err.hint !== null && { hint: err.hint }),
          cause: err,
        });
      throw err;
    }
  }
  if (plan.hooks.length && opts.skipHooks && !opts.dryRun)
    ctx.log(`note: hooks not run (skipped on request): ${plan.hooks.map((h) => `${h.pack}:${h.hook.name}`).join(', ')}`);
  for (const s of session.skipped) ctx.log(`note: hook ${s}`);
  return { applied, hooks: session };
}
