/**
 * regenerate and update. `packs.regenerate { dir?, all?, apply? }` re-renders a generated project
 * from its packs.lock, keeping hand edits (3-way merges against the stored baselines), as one
 * WorkspaceEdit; files the user deleted stay deleted unless `all`. True conflicts are written with
 * markers and opened in VS Code's merge editor (base = baseline, yours = disk, theirs = new render).
 * `packs.update { pack?, check? }` installs newer versions within range and offers to regenerate.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import {
  GenerationError,
  NotFoundError,
  readLock,
  regenerate as regenerateProject,
  updatePacks,
  type RegenerateResult,
  type RegenFile,
  type VariableLayer,
  type VariableValue,
} from '../engine-port';
import { planUri, setPlanDocument } from '../apply/plan-documents';
import { applyPlannedEdit, workspaceEditFor } from '../apply/workspace-edit';
import { refreshExplorer } from '../explorer/tree-provider';
import { log, output } from '../output';
import { apiArg, firstFolder, store, withProgress } from './common';
import { askVariables } from './variables';

export interface RegenerateArgs {
  /** The project folder (holding packs.lock); default the first workspace folder. */
  dir?: string;
  /** Also re-create generated files the user deleted. */
  all?: boolean;
  /** false: report only (a dry run). Default true for the API; the palette asks. */
  apply?: boolean;
  /** New values for some variables (over the ones packs.lock recorded), as `--var` gives them. */
  variables?: Record<string, VariableValue>;
}

export interface RegenerateReport {
  dir: string;
  files: { path: string; action: RegenFile['action'] }[];
  written: string[];
  removed: string[];
  conflicts: string[];
  applied: boolean;
}

let mergeSession = 1_000_000;

const projectDir = (arg: unknown, api: RegenerateArgs | undefined): string | undefined =>
  api?.dir ?? (arg instanceof vscode.Uri ? dirname(arg.fsPath) : firstFolder());

const formLayer = (values: Record<string, VariableValue>): VariableLayer => ({ source: 'the variables form', values, unknown: 'error' });

export async function regenerate(arg?: unknown): Promise<RegenerateReport | undefined> {
  const api = apiArg<RegenerateArgs>(arg);
  const dir = projectDir(arg, api);
  if (!dir) return undefined;
  return regenerateIn(dir, api, api?.variables ? [formLayer(api.variables)] : []);
}

/**
 * `packs.regenerateWithVariables`: the variables form over the project's packs, starting from the values
 * packs.lock recorded (secrets, which it never records, are asked again), then regenerate with them.
 */
export async function regenerateWithVariables(arg?: unknown): Promise<RegenerateReport | undefined> {
  const api = apiArg<RegenerateArgs>(arg);
  const dir = projectDir(arg, api);
  if (!dir) return undefined;
  if (api) return regenerateIn(dir, api, api.variables ? [formLayer(api.variables)] : []);
  const lock = readLock(dir);
  if (!lock)
    throw new NotFoundError(`No packs.lock in ${dir}`, { hint: 'Generate a project first: regenerate works from its packs.lock.' });
  const packs = lock.packs.map((p) =>
    p.source.startsWith('path:') ? join(dir, p.source.slice('path:'.length)) : `${p.name}@${p.version}`,
  );
  const values = await askVariables(packs, dir, { verb: 'Regenerate', submitLabel: 'Regenerate', preset: lock.variables });
  if (values === undefined) return undefined;
  return regenerateIn(dir, undefined, [formLayer(values)]);
}

async function regenerateIn(dir: string, api: RegenerateArgs | undefined, layers: VariableLayer[]): Promise<RegenerateReport> {
  const r = await withProgress(`regenerating ${vscode.workspace.asRelativePath(dir)}`, () =>
    regenerateProject({ dir, store: store(), layers, all: Boolean(api?.all), dryRun: true, withContents: true }),
  );
  const changes = r.files.filter((f) => !['unchanged', 'untracked', 'preserve'].includes(f.action));
  const summary = countActions(r);
  log(`regenerate ${dir}: ${summary || 'nothing to do'}`);
  for (const f of changes) log(`  ${f.action.padEnd(9)} ${f.path}`);
  let go = api?.apply ?? true;
  if (!api) {
    if (!(r.writes ?? []).some((w) => !w.internal) && !(r.removals ?? []).length) {
      void vscode.window.showInformationMessage('Packs: the project is up to date with its packs');
      return report(r, dir, false);
    }
    const choice = await vscode.window.showInformationMessage(
      `Regenerate ${vscode.workspace.asRelativePath(dir)}: ${summary}`,
      { modal: true, detail: changes.map((f) => `${f.action}: ${f.path}`).join('\n') },
      'Apply',
      'Show Output',
    );
    if (choice === 'Show Output') output().show(true);
    go = choice === 'Apply';
  }
  if (!go) return report(r, dir, false);
  const label = `Packs: regenerate ${vscode.workspace.asRelativePath(dir)}`;
  const planned = await workspaceEditFor(
    (r.writes ?? []).map((w) => ({
      path: w.path,
      abs: join(dir, w.path),
      content: w.content,
      kind: w.internal ? 'bookkeeping' : 'file',
      exists: existsSync(join(dir, w.path)),
    })),
    label,
  );
  for (const rel of r.removals ?? [])
    planned.edit.deleteFile(vscode.Uri.file(join(dir, rel)), { ignoreIfNotExists: true }, { label, needsConfirmation: false });
  if (!(await applyPlannedEdit(planned))) throw new GenerationError('VS Code refused the regenerate edit; nothing was written');
  for (const f of r.files.filter((x) => x.action === 'conflict' && x.contents?.base)) await openMerge(dir, f);
  if (!api && r.conflicts.length)
    void vscode.window.showWarningMessage(`Packs: ${r.conflicts.length} file(s) need your merge: ${r.conflicts.join(', ')}`);
  refreshExplorer();
  return report(r, dir, true);
}

/** The 3-way merge editor over a conflicting file: base = the baseline, input1 = the user's, input2 = the new render. */
async function openMerge(dir: string, f: RegenFile): Promise<void> {
  const id = mergeSession++;
  const base = planUri(id, 'base', f.path);
  const ours = planUri(id, 'yours', f.path);
  const theirs = planUri(id, 'theirs', f.path);
  setPlanDocument(base, f.contents!.base!.toString('utf8'));
  setPlanDocument(ours, f.contents!.ours?.toString('utf8') ?? '');
  setPlanDocument(theirs, f.contents!.theirs.toString('utf8'));
  try {
    await vscode.commands.executeCommand('_open.mergeEditor', {
      base,
      input1: { uri: ours, title: 'Yours', description: 'on disk' },
      input2: { uri: theirs, title: 'Theirs', description: 'new pack version' },
      output: vscode.Uri.file(join(dir, f.path)),
    });
  } catch (err) {
    log(`merge editor unavailable (${err instanceof Error ? err.message : String(err)}); resolve the markers in ${f.path}`);
  }
}

function countActions(r: RegenerateResult): string {
  const counts = new Map<string, number>();
  for (const f of r.files) if (f.action !== 'unchanged') counts.set(f.action, (counts.get(f.action) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
}

function report(r: RegenerateResult, dir: string, applied: boolean): RegenerateReport {
  return {
    dir,
    files: r.files.map((f) => ({ path: f.path, action: f.action })),
    written: applied ? (r.writes ?? []).filter((w) => !w.internal).map((w) => join(dir, w.path)) : [],
    removed: applied ? (r.removals ?? []).map((p) => join(dir, p)) : [],
    conflicts: r.conflicts.map((p) => join(dir, p)),
    applied,
  };
}

export async function update(arg?: unknown): Promise<object | undefined> {
  const api = apiArg<{ pack?: string; check?: boolean }>(arg);
  const s = store();
  const result = await withProgress('checking for updates', () => updatePacks(s, { only: api?.pack, check: Boolean(api?.check), log }));
  const lines = result.updates.map((u) => `${u.name} ${u.from} → ${u.to}`);
  log(`update: ${lines.join(', ') || 'everything is up to date'}`);
  refreshExplorer();
  if (!api) {
    if (!lines.length) void vscode.window.showInformationMessage('Packs: everything is up to date');
    else if (
      (await vscode.window.showInformationMessage(`Packs: updated ${lines.join(', ')}`, 'Regenerate Project')) === 'Regenerate Project'
    )
      await vscode.commands.executeCommand('packs.regenerate');
  }
  return result;
}
