/**
 * textDocument/codeAction: a quick fix for every issue in range that carries a `fix` (engine
 * Issue.fix → WorkspaceEdit; a fix with `file` set edits or creates that file), and `source.fixAll`
 * applying every safe fix of the document at once (what `ggen-pack lint --fix` applies).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type CreateFile,
  type TextDocumentEdit,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Issue, TextEdit } from '../../protocol';
import { overlaps, pathToUri, toLspEdit, toLspRange, uriToPath } from '../convert';
import type { PackState } from '../pack-state';
import { issuesForFile, toDiagnostic } from './diagnostics';

/** The WorkspaceEdit of a set of fixes (grouped per file; creating files that do not exist). */
export function fixesToEdit(state: PackState, docs: TextDocuments<TextDocument>, file: string, issues: Issue[]): WorkspaceEdit {
  const root = state.packRootOf(file);
  const perFile = new Map<string, TextEdit[]>();
  for (const i of issues) {
    if (!i.fix) continue;
    const target = i.fix.file ? (isAbsolute(i.fix.file) ? i.fix.file : resolve(root ?? '', i.fix.file)) : file;
    perFile.set(target, [...(perFile.get(target) ?? []), ...i.fix.edits]);
  }
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  for (const [target, edits] of perFile) {
    const uri = pathToUri(target);
    const doc = docs.get(uri);
    const created = !doc && !existsSync(target);
    if (created) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    const text = doc?.getText() ?? (created ? '' : (state.textOf(target) ?? ''));
    changes.push({
      textDocument: { uri, version: doc?.version ?? null },
      edits: dedupeEdits(edits).map((e) => toLspEdit(e, text)),
    });
  }
  return { documentChanges: changes };
}

/**
 * Identical edits from two issues (one fix shared by several issues) apply once; an edit that
 * overlaps one already kept is dropped (LSP rejects overlapping edits; `lint --fix` skips them too,
 * and the next pull reports what is left).
 */
function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const kept: TextEdit[] = [];
  const pos = (p: { line: number; column: number }) => p.line * 1e7 + p.column;
  for (const e of edits) {
    const k = JSON.stringify(e);
    if (seen.has(k)) continue;
    const r = e.range;
    if (r && kept.some((x) => x.range && pos(r.start) < pos(x.range.end) && pos(x.range.start) < pos(r.end))) continue;
    seen.add(k);
    kept.push(e);
  }
  return kept;
}

/** Handler of textDocument/codeAction. */
export function onCodeAction(state: PackState, docs: TextDocuments<TextDocument>) {
  return (params: CodeActionParams): CodeAction[] => {
    const file = uriToPath(params.textDocument.uri);
    if (!file) return [];
    const { issues } = issuesForFile(state, file, true);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      issues.forEach((issue, index) => {
        if (!issue.fix || !overlaps(toLspRange(issue.range), params.range)) return;
        out.push({
          title: issue.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(issue, index)],
          isPreferred: issue.fix.safe,
          edit: fixesToEdit(state, docs, file, [issue]),
        });
      });
    }
    const safe = issues.filter((i) => i.fix?.safe);
    if (wants(CodeActionKind.SourceFixAll) && safe.length > 0) {
      out.push({
        title: `Fix all safe pack issues (${safe.length})`,
        kind: CodeActionKind.SourceFixAll,
        edit: fixesToEdit(state, docs, file, safe),
      });
    }
    return out;
  };
}
