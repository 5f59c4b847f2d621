/**
 * validate, lint with fix-all and score, for the pack given (API `{ pack }`: a folder or an
 * installed/bundled name), the explorer node, or the active manifest. Publishing is publish.ts.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  applyFixes,
  findManifestFile,
  loadManifest,
  lintManifest,
  resolvePackArg,
  scorePack,
  validatePack,
  ValidationError,
} from '../engine-port';
import type { Issue, MaturityScore } from '../../protocol';
import { log, output } from '../output';
import { activeManifestDir, apiArg, firstFolder, isPackNode, packArg, store } from './common';

/** The pack folder a quality command works on. */
export async function packDir(arg: unknown, verb: string): Promise<string | undefined> {
  const active = !apiArg(arg) && !isPackNode(arg) && !(arg instanceof vscode.Uri) ? activeManifestDir() : undefined;
  const pack = active ?? (await packArg(arg, `Pack to ${verb}`));
  if (!pack) return undefined;
  return resolvePackArg(store(), firstFolder() ?? process.cwd(), pack).dir;
}

export interface ValidateResult {
  dir: string;
  score: number;
  errors: number;
  warnings: number;
  issues: Issue[];
}

export async function validate(arg?: unknown): Promise<ValidateResult | undefined> {
  const dir = await packDir(arg, 'validate');
  if (!dir) return undefined;
  const r = validatePack(dir, { store: store() });
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  const warnings = r.issues.filter((i) => i.severity === 'warning').length;
  log(`validate ${dir}: score ${r.score}, ${errors} error(s), ${warnings} warning(s)`);
  for (const i of r.issues)
    log(`  ${i.severity} ${i.code}${i.range ? ` ${i.file ?? ''}:${i.range.start.line}:${i.range.start.column}` : ''}: ${i.message}`);
  if (!apiArg(arg)) {
    const text = `Validation score ${r.score}: ${errors} error(s), ${warnings} warning(s)`;
    void (
      errors
        ? vscode.window.showErrorMessage(`Packs: ${text}`, 'Show Output')
        : vscode.window.showInformationMessage(`Packs: ${text}`, 'Show Output')
    ).then((c) => c && output().show(true));
  }
  return { dir, score: r.score, errors, warnings, issues: r.issues };
}

export interface LintResult {
  dir: string;
  fixed: number;
  files: string[];
  remaining: number;
}

/** Apply every safe fix of the pack's lint issues as one undoable edit, and save. */
export async function lint(arg?: unknown): Promise<LintResult | undefined> {
  const dir = await packDir(arg, 'lint');
  if (!dir) return undefined;
  const issues = lintPack(dir);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.fsPath, d]));
  const { files, applied } = applyFixes(issues, { packRoot: dir, read: (f) => open.get(f)?.getText() ?? null });
  const edit = new vscode.WorkspaceEdit();
  for (const [file, text] of files) {
    const uri = vscode.Uri.file(file);
    const doc = open.get(file) ?? (existsSync(file) ? await vscode.workspace.openTextDocument(uri) : undefined);
    if (doc) edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    else edit.createFile(uri, { contents: Buffer.from(text) });
  }
  if (files.size) {
    await vscode.workspace.applyEdit(edit);
    for (const file of files.keys()) await vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.save();
  }
  const remaining = lintPack(dir).length;
  log(`lint ${dir}: ${applied.length} fix(es) applied in ${files.size} file(s); ${remaining} issue(s) left`);
  if (!apiArg(arg)) void vscode.window.showInformationMessage(`Packs: ${applied.length} fix(es) applied; ${remaining} issue(s) left`);
  return { dir, fixed: applied.length, files: [...files.keys()], remaining };
}

function lintPack(dir: string): Issue[] {
  const file = findManifestFile(dir);
  if (!file) throw new ValidationError(`No pack.toml or pack.yaml in ${dir}`);
  return lintManifest(loadManifest(dir), dir, { store: store() });
}

export async function score(arg?: unknown): Promise<(MaturityScore & { dir: string }) | undefined> {
  const dir = await packDir(arg, 'score');
  if (!dir) return undefined;
  const loaded = loadManifest(dir);
  if (!loaded.manifest) throw new ValidationError(`${dir}: the manifest does not parse; run Packs: Validate Pack to see why`);
  const s = scorePack(loaded.manifest);
  log(`score ${dir}: ${s.total} (${s.level})`);
  for (const d of s.dimensions) log(`  ${d.name.padEnd(13)} ${d.score}${d.advice.length ? `  — ${d.advice.join('; ')}` : ''}`);
  // Shown for API calls too (the issue's contract: "returns the score and shows it"); the notification does not block.
  void vscode.window
    .showInformationMessage(`Packs: ${loaded.manifest.metadata.name} scores ${s.total} (${s.level})`, 'Show Output')
    .then((c) => c && output().show(true));
  return { ...s, dir };
}
