/**
 * The compose flow behind every front end: recover, plan the composition (conflicts between packs
 * settled by its rules and mode), settle files already in the target, then hooks and the atomic
 * apply under the project lock. `previewComposition` stops after the plan, like previewGeneration.
 */
import { resolve } from 'node:path';
import { withProjectLock } from '../apply/project-lock';
import { recoverProject } from '../apply/recover';
import { planComposition, type CompositionPlan } from '../compose';
import type { Composition, ConflictMode } from '../compose/composition-file';
import { resolveExisting } from '../compose/existing';
import type { ApplyResult, VariableLayer } from '../generate';
import type { HookSession } from '../hooks';
import { openStore } from '../registry/store';
import { throwIfCancelled, type FlowContext } from './context';
import { previewWrites, type PreviewResult } from './preview';
import { applyWithHooks } from './with-hooks';

export interface ComposeRequest {
  composition: Composition;
  /** Folder the composition's `data` paths are relative to (the composition file's folder). */
  baseDir: string;
  target: string;
  layers: VariableLayer[];
  /** Overrides the composition's own mode (its rules still apply first). */
  mode?: ConflictMode | undefined;
  /** For `ask`: which pack's version of a file to keep (index into `packs`), or merge. */
  ask?: ((conflict: { path: string; packs: string[] }) => Promise<number | 'merge'>) | undefined;
  dryRun?: boolean;
  skipHooks?: boolean;
}

export interface ComposeOutcome {
  output: string;
  dryRun: boolean;
  composition: CompositionPlan;
  applied: ApplyResult;
  hooks: HookSession;
  notes: string[];
}

export async function composeProject(req: ComposeRequest, ctx: FlowContext): Promise<ComposeOutcome> {
  const output = resolve(ctx.cwd, req.target);
  const dryRun = Boolean(req.dryRun);
  return withProjectLock(
    output,
    async () => {
      const { composition, notes, overwrite } = await prepare(req, ctx, output, dryRun);
      throwIfCancelled(ctx.signal);
      const { applied, hooks } = await applyWithHooks(
        ctx,
        { dryRun, skipHooks: Boolean(req.skipHooks), overwrite },
        composition.plan,
        output,
      );
      return { output, dryRun: applied.dryRun, composition, applied, hooks, notes };
    },
    { dryRun, log: ctx.log },
  );
}

/** The composition plan and every write it would make, nothing written; unresolved pack conflicts stay in `composition.conflicts`. */
export async function previewComposition(
  req: ComposeRequest,
  ctx: FlowContext,
): Promise<PreviewResult & { composition: CompositionPlan; notes: string[] }> {
  const output = resolve(ctx.cwd, req.target);
  const { composition, notes, overwrite } = await prepare(req, ctx, output, true);
  throwIfCancelled(ctx.signal);
  return { ...previewWrites(composition.plan, output, overwrite), composition, notes };
}

async function prepare(req: ComposeRequest, ctx: FlowContext, output: string, dryRun: boolean) {
  if (recoverProject(output).rolledBack) ctx.log('note: an interrupted earlier run in this directory was rolled back first');
  const effective = req.mode ?? req.composition.mode;
  const p = await planComposition(
    {
      store: openStore(ctx.home),
      composition: req.composition,
      layers: req.layers,
      mode: req.mode,
      baseDir: req.baseDir,
      output,
      ask: req.ask,
    },
    dryRun,
  );
  const existing = resolveExisting(p.plan, output, effective);
  for (const n of existing.notes) ctx.log(n);
  for (const c of p.conflicts) if (c.warning) ctx.log(`warning: ${c.warning}`);
  return { composition: { ...p, plan: existing.plan }, notes: existing.notes, overwrite: existing.overwrite };
}
