/**
 * The preview of a run in the Packs view container: every file it will create, change, leave or
 * conflict with, built from the in-memory plan with nothing written. Clicking a file opens
 * `vscode.diff(current, proposed)`; a conflict offers take the pack's / keep mine / merge; Apply
 * writes everything as one WorkspaceEdit (one Undo). A run without a preview goes through the same
 * `applyModel`, so both paths write the same bytes.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { GenerationError, type ConflictChoice, type PreviewFile, type SettledWrite } from '../engine-port';
import { log, showFailure } from '../output';
import { dropPlanDocuments, planUri, registerPlanDocuments, setPlanDocument } from './plan-documents';
import { type PreviewModel, type ApplyReport } from './preview-model';
import { applyPlannedEdit, workspaceEditFor } from './workspace-edit';

/** A run waiting in the preview: its model, and what Apply / Discard settle. */
interface Session {
  id: number;
  title: string;
  model: PreviewModel;
  /** Runs around the edit (hooks); defaults to applying the edit alone. */
  apply: (model: PreviewModel) => Promise<ApplyReport>;
  settle: (result: ApplyReport | Error) => void;
}

let nextId = 1;
let current: Session | null = null;
/** The id of the last finished preview, whose documents are dropped when the next one starts. */
let lastSession: number | null = null;
const changed = new vscode.EventEmitter<void>();
const shown = new vscode.EventEmitter<string>();
/** Fires with the title each time a preview is shown (the API's `preview.onDidShow`). */
export const onDidShowPreview = shown.event;

type Node = { kind: 'file'; file: PreviewFile } | { kind: 'header' };

const ICONS: Record<PreviewFile['action'], string> = {
  create: 'diff-added',
  overwrite: 'diff-modified',
  conflict: 'warning',
  unchanged: 'pass',
  skip: 'circle-slash',
};

const CHOICE_WORDS: Record<ConflictChoice, string> = { theirs: "take the pack's", mine: 'keep mine', merge: 'merge' };

class PreviewTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData = changed.event;

  getChildren(node?: Node): Node[] {
    if (!current || node) return [];
    const order: PreviewFile['action'][] = ['conflict', 'create', 'overwrite', 'unchanged', 'skip'];
    const files = [...current.model.preview.files].sort(
      (a, b) => order.indexOf(a.action) - order.indexOf(b.action) || a.path.localeCompare(b.path),
    );
    return [{ kind: 'header' }, ...files.map((file) => ({ kind: 'file' as const, file }))];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'header') {
      const item = new vscode.TreeItem(current!.title);
      item.description = current!.model.summary();
      item.iconPath = new vscode.ThemeIcon('rocket');
      item.contextValue = 'preview.header';
      return item;
    }
    const f = node.file;
    const item = new vscode.TreeItem(f.path);
    const choice = f.action === 'conflict' ? current!.model.choiceOf(f.path) : undefined;
    item.description =
      f.action === 'conflict'
        ? `conflict: ${choice ? CHOICE_WORDS[choice] : 'choose…'}`
        : f.action === 'overwrite'
          ? 'change'
          : f.action === 'skip'
            ? 'kept (skip_if_exists)'
            : f.action === 'create'
              ? 'new'
              : 'unchanged';
    item.tooltip = `${f.pack}:${f.template} → ${f.abs}`;
    item.iconPath = new vscode.ThemeIcon(ICONS[f.action]);
    item.resourceUri = vscode.Uri.file(f.abs);
    item.contextValue = `preview.${f.action}`;
    item.command = { command: 'packs.preview.openDiff', title: 'Open Diff', arguments: [node] };
    return item;
  }
}

export function registerPreview(context: vscode.ExtensionContext): void {
  registerPlanDocuments(context);
  const view = vscode.window.createTreeView('packs.preview', { treeDataProvider: new PreviewTree() });
  const fileOf = (node?: Node | { path: string }): PreviewFile | undefined => {
    if (!current) return undefined;
    if (node && 'kind' in node && node.kind === 'file') return node.file;
    if (node && 'path' in node) return current.model.preview.files.find((f) => f.path === node.path);
    return undefined;
  };
  const choose = (choice: ConflictChoice) => (node?: Node | { path: string }) => {
    const f = fileOf(node);
    if (!current || !f || f.action !== 'conflict') return;
    current.model.choose(f.path, choice);
    changed.fire();
  };
  context.subscriptions.push(
    view,
    changed,
    vscode.commands.registerCommand('packs.preview.apply', () => applyCurrent()),
    vscode.commands.registerCommand('packs.preview.discard', () => discardCurrent()),
    vscode.commands.registerCommand('packs.preview.openDiff', (node?: Node | { path: string }) => {
      const f = fileOf(node);
      return f && current ? openDiff(current, f) : undefined;
    }),
    vscode.commands.registerCommand('packs.preview.takeTheirs', choose('theirs')),
    vscode.commands.registerCommand('packs.preview.keepMine', choose('mine')),
    vscode.commands.registerCommand('packs.preview.merge', choose('merge')),
  );
}

/** Show `model` in the preview and resolve when the user applies (the report) or discards (rejects). */
export function showPreview(title: string, model: PreviewModel, apply: Session['apply']): Promise<ApplyReport> {
  if (current) discardCurrent('replaced by a new preview');
  if (lastSession !== null) dropPlanDocuments(lastSession);
  return new Promise<ApplyReport>((resolve, reject) => {
    const id = nextId++;
    current = { id, title, model, apply, settle: (r) => (r instanceof Error ? reject(r) : resolve(r)) };
    for (const f of model.preview.files) setPlanDocument(planUri(id, 'proposed', f.path), f.proposed.toString('utf8'));
    void vscode.commands.executeCommand('setContext', 'packs.previewActive', true);
    changed.fire();
    void vscode.commands.executeCommand('packs.preview.focus');
    log(`preview: ${title}: ${model.summary()} — nothing written yet`);
    shown.fire(title);
  });
}

/** The diff of one file: what is on disk (empty for a new file) against what the run proposes. */
function openDiff(s: Session, f: PreviewFile): Thenable<unknown> {
  const proposed = planUri(s.id, 'proposed', f.path);
  let left = vscode.Uri.file(f.abs);
  if (f.current === null) {
    left = planUri(s.id, 'empty', f.path);
    setPlanDocument(left, '');
  }
  return vscode.commands.executeCommand('vscode.diff', left, proposed, `${basename(f.path)} (current ↔ ${f.pack})`, { preview: true });
}

function endSession(s: Session): void {
  // The diffs stay open and their proposed side stays readable until the next preview: VS Code keeps the
  // undo of a text edit only while the file's text model lives, and an open diff keeps it alive.
  lastSession = s.id;
  if (current === s) current = null;
  void vscode.commands.executeCommand('setContext', 'packs.previewActive', false);
  changed.fire();
}

function discardCurrent(why = 'discarded'): void {
  const s = current;
  if (!s) return;
  endSession(s);
  log(`preview: ${s.title}: ${why}; nothing written`);
  s.settle(new GenerationError(`The preview was ${why}; nothing was written`));
}

async function applyCurrent(): Promise<ApplyReport | undefined> {
  const s = current;
  if (!s) return undefined;
  const unresolved = s.model.settle().unresolved;
  if (unresolved.length) {
    void vscode.window.showWarningMessage(
      `Packs: choose what to do with ${unresolved.length} conflicting file(s) first: ${unresolved.join(', ')}`,
    );
    return undefined;
  }
  try {
    const report = await s.apply(s.model);
    endSession(s);
    s.settle(report);
    return report;
  } catch (err) {
    // The preview stays open: the user can change a choice and apply again.
    showFailure(err);
    return undefined;
  }
}

/**
 * Write a settled model as one WorkspaceEdit. Dirty editors over affected files are named first and
 * the user decides; a refused or failed edit writes nothing (VS Code applies the edit as a whole).
 */
export async function applyModel(
  model: PreviewModel,
  label: string,
  opts: { confirmDirty: boolean },
): Promise<{ report: ApplyReport; writes: SettledWrite[]; previous: Map<string, Buffer> }> {
  const { writes, unresolved } = model.settle();
  if (unresolved.length)
    throw new GenerationError(`${unresolved.length} existing file(s) differ from what the pack generates: ${unresolved.join(', ')}`, {
      hint: 'Nothing was written. Choose per file in the preview, or run with conflicts "overwrite", "skip" or "merge".',
    });
  const affected = new Set(writes.map((w) => w.abs));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && affected.has(d.uri.fsPath));
  if (dirty.length) {
    const names = dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ');
    if (!opts.confirmDirty)
      throw new GenerationError(`Unsaved changes in ${names}; nothing was written`, {
        hint: 'Save or revert those editors and run again.',
      });
    const go = 'Apply Anyway';
    const answer = await vscode.window.showWarningMessage(
      `These files have unsaved changes that the apply replaces: ${names}`,
      { modal: true },
      go,
    );
    if (answer !== go) throw new GenerationError('Apply cancelled because of unsaved editors; nothing was written');
  }
  // What the edit replaces, for the rollback when a post hook fails.
  const previous = new Map(writes.filter((w) => w.exists).map((w) => [w.abs, readFileSync(w.abs)]));
  if (writes.length && !(await applyPlannedEdit(await workspaceEditFor(writes, label))))
    throw new GenerationError(`VS Code refused the edit for ${label}; nothing was written`);
  return { report: model.report(writes), writes, previous };
}
