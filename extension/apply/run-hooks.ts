/**
 * Hooks around an editor apply (SPEC §4): pre hooks before the WorkspaceEdit, post hooks after it,
 * and when a post hook fails the edit is reverted (the files put back as they were) before the error
 * is shown. Trust comes from extension/trust.ts: a trusted workspace and a modal with the commands.
 */
import { mkdirSync } from 'node:fs';
import { GenerationError, PackError, runHookStage, type FlowContext, type GenerationPlan, type HookSession } from '../engine-port';
import { applyModel } from './preview';
import type { ApplyReport, PreviewModel } from './preview-model';
import { applyPlannedEdit, inverseEditFor } from './workspace-edit';

export async function applyWithHooks(
  model: PreviewModel,
  label: string,
  ctx: FlowContext,
  opts: { skipHooks: boolean; confirmDirty: boolean },
): Promise<ApplyReport & { hooks: HookSession }> {
  const plan: GenerationPlan = model.preview.plan;
  const output = model.preview.output;
  const hooks: HookSession = { runs: [], skipped: [] };
  const withHooks = plan.hooks.length > 0 && !opts.skipHooks;
  if (withHooks && plan.hooks.some((h) => h.hook.stage.startsWith('pre_'))) {
    mkdirSync(output, { recursive: true });
    await runHookStage('pre', plan.hooks, output, ctx.trust, ctx.log, hooks);
  }
  const { report, writes, previous } = await applyModel(model, label, { confirmDirty: opts.confirmDirty });
  if (withHooks) {
    try {
      await runHookStage('post', plan.hooks, output, ctx.trust, ctx.log, hooks);
    } catch (err) {
      await applyPlannedEdit(await inverseEditFor(writes, previous, `${label} (rolled back)`));
      throw new GenerationError(`${err instanceof Error ? err.message : String(err)}; the generation was rolled back`, {
        ...(err instanceof PackError && err.hint !== null && { hint: err.hint }),
        cause: err,
      });
    }
  }
  for (const s of hooks.skipped) ctx.log(`note: hook ${s}`);
  return { ...report, hooks };
}
