/**
 * The hook flow around writing a plan, shared by generate and compose: pre hooks, apply, post hooks,
 * and the rollback when a post hook fails (SPEC §4). Hooks run only when trusted (hook-trust.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { ApplyResult, GenerationPlan } from '../generate';
import { GenerationError, PackError } from '../errors';
import { rollBackGeneration, runStage, undoPoint, type HookSession } from '../hooks';
import { trustFor } from './hook-trust';
import type { CliContext } from './types';

export async function applyWithHooks(
  ctx: CliContext,
  opts: Record<string, unknown>,
  plan: GenerationPlan,
  output: string,
  apply: () => Promise<ApplyResult>,
): Promise<{ applied: ApplyResult; hooks: HookSession }> {
  const session: HookSession = { runs: [], skipped: [] };
  const dryRun = Boolean(opts.dryRun);
  const withHooks = plan.hooks.length > 0 && !opts.skipHooks && !dryRun;
  const trust = trustFor(ctx, Boolean(opts.allowHooks));
  const undo = undoPoint(output);
  if (withHooks && plan.hooks.some((h) => h.hook.stage.startsWith('pre_'))) {
    mkdirSync(output, { recursive: true });
    try {
      await runStage('pre', plan.hooks, output, trust, ctx.log, session);
    } catch (err) {
      if (!undo.existedBefore) rmSync(output, { recursive: true, force: true });
      throw err;
    }
  }
  const applied = await apply();
  if (withHooks) {
    try {
      await runStage('post', plan.hooks, output, trust, ctx.log, session);
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
  if (plan.hooks.length && opts.skipHooks && !dryRun)
    ctx.log(`note: hooks not run (--skip-hooks): ${plan.hooks.map((h) => `${h.pack}:${h.hook.name}`).join(', ')}`);
  for (const s of session.skipped) ctx.log(`note: hook ${s}`);
  return { applied, hooks: session };
}
