/**
 * One WorkspaceEdit for a settled preview: every file, packs.lock and every baseline, so a single
 * Undo takes the workspace back to where it was. New files are created with their content. An
 * existing text file gets one text edit over its whole text (saved right after the apply), because
 * VS Code undoes a file edit's operations in forward order: undoing a create that replaced a file
 * deletes it, and no sequence of file operations both replaces a file and restores it (checked in
 * VS Code 1.139, bulkFileEdits.ts). Undoing the text edit puts the old text back in its editor, and
 * saving writes it. An existing binary file can only be replaced by a create, whose undo removes it.
 * All entries share one label, which is what the Undo names.
 */
import * as vscode from 'vscode';
import { isBinary, type SettledWrite } from '../engine-port';

export interface PlannedEdit {
  edit: vscode.WorkspaceEdit;
  /** Files changed through text edits: saved after the edit is applied. */
  toSave: vscode.Uri[];
}

export async function workspaceEditFor(writes: readonly SettledWrite[], label: string): Promise<PlannedEdit> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  const toSave: vscode.Uri[] = [];
  for (const w of writes) {
    const uri = vscode.Uri.file(w.abs);
    if (await replaceFile(edit, uri, w.content, w.exists, metadata)) toSave.push(uri);
  }
  return { edit, toSave };
}

/** Apply a planned edit and save the files it changed as text; false when VS Code refused it. */
export async function applyPlannedEdit(planned: PlannedEdit): Promise<boolean> {
  if (!(await vscode.workspace.applyEdit(planned.edit))) return false;
  // TextDocument.save, not workspace.save: the latter saves an *editor* and does nothing without one.
  for (const uri of planned.toSave) await (await vscode.workspace.openTextDocument(uri)).save();
  return true;
}

/** The edit that puts back what `writes` replaced (used when a post-generation hook fails). */
export async function inverseEditFor(
  writes: readonly SettledWrite[],
  previous: ReadonlyMap<string, Buffer>,
  label: string,
): Promise<PlannedEdit> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  const toSave: vscode.Uri[] = [];
  for (const w of writes) {
    const old = previous.get(w.abs);
    const uri = vscode.Uri.file(w.abs);
    if (!old) edit.deleteFile(uri, { ignoreIfNotExists: true }, metadata);
    else if (await replaceFile(edit, uri, old, true, metadata)) toSave.push(uri);
  }
  return { edit, toSave };
}

/** Put `content` at `uri`; true when it went in as a text edit (the caller saves it). */
export async function replaceFile(
  edit: vscode.WorkspaceEdit,
  uri: vscode.Uri,
  content: Uint8Array,
  exists: boolean,
  metadata: vscode.WorkspaceEditEntryMetadata,
): Promise<boolean> {
  const buf = Buffer.from(content);
  if (exists && !isBinary(buf)) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const current = Buffer.from(doc.getText(), 'utf8');
    if (!isBinary(current)) {
      edit.replace(
        uri,
        new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end),
        buf.toString('utf8'),
        metadata,
      );
      return true;
    }
  }
  edit.createFile(uri, { overwrite: true, contents: content }, metadata);
  return false;
}
