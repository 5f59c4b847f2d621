/**
 * `packs.generate`: a pack into a folder of the workspace. Bare (palette, explorer): pick the pack,
 * the folder and the variables, then the preview. As an API: `{ pack, target?, variables?,
 * conflicts?, preview?, allowHooks? }` → `{ written, skipped, conflicts }`, rejecting (nothing
 * written) on bad input or a refused run.
 */
import { previewGeneration, settlePreview, GenerationError, type VariableValue } from '../engine-port';
import { applyWithHooks } from '../apply/run-hooks';
import { PreviewModel, type ApplyReport, type ConflictMode } from '../apply/preview-model';
import { showPreview } from '../apply/preview';
import { readSettings } from '../settings';
import { apiArg, flowContext, packArg, targetFolder, withProgress, type HookAnswer } from './common';
import { askVariables } from './variables';

export interface GenerateArgs {
  /** `name[@range]` or an absolute pack folder. */
  pack: string;
  target?: string;
  variables?: Record<string, VariableValue>;
  conflicts?: ConflictMode;
  /** false (the API default) applies at once; true shows the preview and resolves when it is applied. */
  preview?: boolean;
  /** Run the pack's hooks (API calls never show the trust modal; still never in an untrusted workspace). Default false. */
  allowHooks?: boolean;
}

export async function generate(arg?: unknown): Promise<ApplyReport | undefined> {
  const api = apiArg<GenerateArgs>(arg);
  const pack = await packArg(arg, 'Pack to generate from');
  if (!pack) return undefined;
  const target = await targetFolder(api?.target);
  if (!target) return undefined;
  const settings = readSettings();
  const mode = api?.conflicts ?? settings.conflicts;
  const preview = api ? Boolean(api.preview) : settings.preview;
  const variables = api
    ? (api.variables ?? {})
    : await askVariables([pack], target, { verb: 'Generate from', submitLabel: preview ? 'Preview' : 'Generate' });
  if (!variables) return undefined;
  const model = await withProgress(`planning ${pack}`, async (signal) => {
    const ctx = flowContext(signal);
    // Conflicts always come back as such; the mode picks their default choice (preview-model.ts).
    const p = await previewGeneration(
      { pack, target, layers: [{ source: 'variables', values: variables, unknown: 'error' }], conflicts: 'fail' },
      ctx,
    );
    return new PreviewModel(p, mode, settlePreview);
  });
  return applyPlanned(
    model,
    `Packs: generate ${model.preview.plan.root.name}`,
    mode,
    preview,
    api ? (api.allowHooks ? 'allow' : 'deny') : 'ask',
  );
}

/** After planning: refuse (`fail`), preview, or apply at once. Shared by generate and compose. */
export function applyPlanned(
  model: PreviewModel,
  label: string,
  mode: ConflictMode,
  preview: boolean,
  hooks: HookAnswer,
): Promise<ApplyReport> {
  const conflicts = model.conflicts;
  if (mode === 'fail' && conflicts.length) {
    return Promise.reject(
      new GenerationError(`${conflicts.length} existing file(s) would be overwritten: ${conflicts.map((c) => c.path).join(', ')}`, {
        hint: 'Nothing was written. Choose another conflicts mode (ask, overwrite, skip, merge), or generate into an empty folder.',
      }),
    );
  }
  const apply = (m: PreviewModel) => applyWithHooks(m, label, flowContext(undefined, hooks), { skipHooks: false, confirmDirty: preview });
  return preview ? showPreview(label.replace(/^Packs: /, ''), model, apply) : apply(model);
}
