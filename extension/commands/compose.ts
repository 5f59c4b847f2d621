/**
 * `packs.compose`: several packs (or a composition file) into one folder, conflicts between packs
 * settled by the composition's rules and mode, files already there by the preview's choices.
 * API: `{ packs?, compositionFile?, target?, variables?, conflicts?, preview? }` → the generate shape.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import {
  compositionOfList,
  loadComposition,
  previewComposition,
  settlePreview,
  GenerationError,
  type Composition,
  type VariableValue,
} from '../engine-port';
import { PreviewModel, type ApplyReport, type ConflictMode } from '../apply/preview-model';
import { readSettings } from '../settings';
import { apiArg, firstFolder, flowContext, store, targetFolder, withProgress } from './common';
import { applyPlanned } from './generate';
import { askVariables, compositionPreset } from './variables';

export interface ComposeArgs {
  packs?: string[];
  compositionFile?: string;
  target?: string;
  variables?: Record<string, VariableValue>;
  conflicts?: ConflictMode;
  preview?: boolean;
  /** As for generate: API calls run hooks only with this, never in an untrusted workspace. */
  allowHooks?: boolean;
}

export async function compose(arg?: unknown): Promise<ApplyReport | undefined> {
  const api = apiArg<ComposeArgs>(arg);
  const settings = readSettings();
  const mode = api?.conflicts ?? settings.conflicts;
  const chosen = await whatToCompose(api, arg, mode);
  if (!chosen) return undefined;
  const target = await targetFolder(api?.target);
  if (!target) return undefined;
  const preview = api ? Boolean(api.preview) : settings.preview;
  const variables = api
    ? (api.variables ?? {})
    : await askVariables(
        chosen.composition.packs.filter((p) => p.enabled).map((p) => p.name),
        target,
        { verb: 'Compose', submitLabel: preview ? 'Preview' : 'Compose', preset: compositionPreset(chosen.composition) },
      );
  if (!variables) return undefined;
  const result = await withProgress(`planning ${chosen.composition.name}`, async (signal) =>
    previewComposition(
      {
        composition: chosen.composition,
        baseDir: chosen.baseDir,
        target,
        layers: [{ source: 'variables', values: variables, unknown: 'warning' }],
        // Files already in the target come back as conflicts; between packs, the composition's own mode and rules decide.
        mode: mode === 'ask' ? undefined : mode,
      },
      flowContext(signal),
    ),
  );
  const unresolved = result.composition.conflicts.filter((c) => c.resolution === 'unresolved');
  if (unresolved.length)
    throw new GenerationError(
      `${unresolved.length} file(s) are written by more than one pack and no rule decides: ${unresolved.map((c) => `${c.path} (${c.packs.join(', ')})`).join('; ')}`,
      {
        hint: 'Nothing was written. Add a conflict_resolution rule to the composition, or choose conflicts "overwrite" or "merge".',
      },
    );
  const model = new PreviewModel(result, mode, settlePreview);
  return applyPlanned(
    model,
    `Packs: compose ${result.composition.packs.map((p) => p.name).join(' + ')}`,
    mode,
    preview,
    api ? (api.allowHooks ? 'allow' : 'deny') : 'ask',
  );
}

async function whatToCompose(
  api: ComposeArgs | undefined,
  arg: unknown,
  mode: ConflictMode,
): Promise<{ composition: Composition; baseDir: string } | undefined> {
  const file = api?.compositionFile ?? (arg instanceof vscode.Uri ? arg.fsPath : undefined);
  if (file) return { composition: loadComposition(file), baseDir: dirname(file) };
  let names = api?.packs;
  if (!names) {
    const items = store()
      .summaries('all')
      .map((s) => ({ label: s.name, description: `${s.version} · ${s.source}`, detail: s.description }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Packs to compose (in render order)' });
    if (!picked?.length) return undefined;
    names = picked.map((p) => p.label);
  }
  return { composition: compositionOfList(names.join(','), mode === 'ask' ? 'fail' : mode), baseDir: firstFolder() ?? process.cwd() };
}
