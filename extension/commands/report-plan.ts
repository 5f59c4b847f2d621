/**
 * `packs.plan`: a composition's plan (packs, template order, variables, conflicts, files), nothing written. Called bare or from the explorer it prompts and opens the report as an
 * untitled document; as an API it takes the argument object below and returns the data.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import {
  compositionOfList,
  CONFLICT_MODES,
  loadComposition,
  planComposition,
  throwIfCancelled,
  ValidationError,
  type Composition,
  type CompositionPlan,
  type ConflictMode,
  type VariableValue,
} from '../engine-port';
import { log } from '../output';
import { apiArg, store, withProgress } from './common';
import { askVariables, compositionPreset } from './variables';
import { cwd, absolute, showDocument, stringField, variablesField } from './report-fields';

export interface PlanArgs {
  /** Packs to compose, in render order, each `name` or `name@range`. Give this or `compositionFile`. */
  packs?: string[];
  /** A composition.yaml / .toml (relative paths: to the first workspace folder). */
  compositionFile?: string;
  /** Variable values (highest precedence); none are asked for. */
  variables?: Record<string, VariableValue>;
  /** Overrides the composition's conflict mode (its rules still apply first). */
  conflicts?: ConflictMode;
}

export interface PlanResult extends Omit<CompositionPlan, 'plan'> {
  /** The files the composition would write, without their contents. */
  files: { path: string; pack: string; template: string; bytes: number }[];
  /** Conflicts no rule or mode decides: compose would stop on them. */
  unresolved: number;
}

export async function plan(arg?: unknown): Promise<PlanResult | undefined> {
  const api = apiArg<PlanArgs>(arg);
  const mode = api?.conflicts;
  if (mode !== undefined && !(CONFLICT_MODES as readonly unknown[]).includes(mode)) {
    throw new ValidationError(`"conflicts" must be one of ${CONFLICT_MODES.join(', ')} (got ${JSON.stringify(mode)})`);
  }
  const chosen = api ? planInputOf(api, mode) : await pickComposition(arg);
  if (!chosen) return undefined;
  const variables = api
    ? variablesField(api.variables)
    : await askVariables(
        chosen.composition.packs.filter((p) => p.enabled).map((p) => p.name),
        cwd(),
        { verb: 'Plan', submitLabel: 'Plan', preset: compositionPreset(chosen.composition) },
      );
  if (!variables) return undefined;
  const p = await withProgress(`planning ${chosen.composition.name}`, async (signal) => {
    throwIfCancelled(signal, 'plan');
    return planComposition(
      {
        store: store(),
        composition: chosen.composition,
        layers: [{ source: 'variables', values: variables, unknown: 'warning' }],
        mode,
        baseDir: chosen.baseDir,
        output: cwd(),
      },
      true,
    );
  });
  const { plan: generation, ...report } = p;
  const result: PlanResult = {
    ...report,
    files: generation.files.map((f) => ({ path: f.path, pack: f.pack, template: f.template, bytes: f.content.length })),
    unresolved: p.conflicts.filter((c) => c.resolution === 'unresolved').length,
  };
  log(
    `plan ${p.name}: ${p.packs.length} pack(s), ${result.files.length} file(s), ${p.conflicts.length} conflict(s)${result.unresolved ? ` (${result.unresolved} unresolved)` : ''}`,
  );
  if (!api) await showDocument(planMarkdown(result), 'markdown');
  return result;
}

function planInputOf(api: PlanArgs, mode: ConflictMode | undefined): { composition: Composition; baseDir: string } {
  if (api.compositionFile !== undefined && api.packs !== undefined)
    throw new ValidationError('Give "packs" or "compositionFile", not both');
  if (api.compositionFile !== undefined) {
    const file = absolute(stringField(api.compositionFile, 'compositionFile', 'composition.yaml'));
    return { composition: loadComposition(file), baseDir: dirname(file) };
  }
  const packs = api.packs;
  if (!Array.isArray(packs) || !packs.length || !packs.every((x) => typeof x === 'string' && x.trim())) {
    throw new ValidationError('Say what to plan: "packs" (a non-empty list of names) or "compositionFile"', {
      hint: 'e.g. { packs: ["startup-pack", "devops-pack"] } or { compositionFile: "composition.yaml" }',
    });
  }
  return { composition: compositionOfList(packs.join(','), mode ?? 'fail'), baseDir: cwd() };
}

async function pickComposition(arg: unknown): Promise<{ composition: Composition; baseDir: string } | undefined> {
  if (arg instanceof vscode.Uri) return { composition: loadComposition(arg.fsPath), baseDir: dirname(arg.fsPath) };
  const items = store()
    .summaries('all')
    .map((s) => ({ label: s.name, description: `${s.version} · ${s.source}`, detail: s.description }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Packs to plan (in render order)' });
  if (!picked?.length) return undefined;
  return { composition: compositionOfList(picked.map((p) => p.label).join(','), 'fail'), baseDir: cwd() };
}

function planMarkdown(p: PlanResult): string {
  const lines = [`# Composition plan: ${p.name}`, '', 'Nothing was written.', '', '## Packs (render order)', ''];
  for (const x of p.packs) lines.push(`- \`${x.name}@${x.version}\`${x.requested ? ` (asked ${x.requested})` : ' (dependency)'}`);
  lines.push('', '## Templates', '');
  p.templateOrder.forEach((t, i) => lines.push(`${i + 1}. \`${t.pack}:${t.template}\` (priority ${t.priority})`));
  lines.push('', '## Variables', '');
  if (p.variables.length) {
    lines.push('| name | required | value |', '| --- | --- | --- |');
    for (const v of p.variables)
      lines.push(
        `| \`${v.name}\` | ${v.required ? 'yes' : 'no'} | ${v.value === null ? '(no value)' : `\`${JSON.stringify(v.value)}\``} |`,
      );
  } else lines.push('none');
  lines.push('', '## Conflicts', '');
  if (!p.conflicts.length) lines.push('none');
  for (const c of p.conflicts)
    lines.push(`- \`${c.path}\`: ${c.packs.join(' vs ')} → ${c.action}: ${c.resolution}${c.warning ? ` (${c.warning})` : ''}`);
  if (p.unresolved)
    lines.push(
      '',
      `**${p.unresolved} conflict(s) unresolved**: compose would stop. Add a conflict_resolution rule or choose a conflicts mode.`,
    );
  lines.push('', `## Files (${p.files.length})`, '');
  for (const f of p.files) lines.push(`- \`${f.path}\` ← ${f.pack}:${f.template} (${f.bytes} chars)`);
  lines.push('', `Queries: ${p.queries}`);
  return lines.join('\n') + '\n';
}
