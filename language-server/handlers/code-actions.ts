/**
 * textDocument/codeAction: a quick fix for every issue in range that carries a `fix` (engine
 * Issue.fix → WorkspaceEdit; a fix with `file` set edits or creates that file), and `source.fixAll`
 * applying every safe fix of the document at once (what `ggen-pack lint --fix` applies).
 */
import { existsSync } from 'node:fs';
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
import type { Issue } from '../../protocol';
import { planFixes } from '../../engine';
import { overlaps, pathToUri, toLspEdit, toLspRange, uriToPath } from '../convert';
import type { PackState } from '../pack-state';
import { issuesForFile, toDiagnostic } from './diagnostics';

/**
 * The WorkspaceEdit of the fixes of `issues` (issues of the document `file`): the engine's
 * `planFixes` decides the target files and the edits (shared edits once, overlapping fixes left for
 * the next pull, as `lint --fix` does); this adds the LSP shape — CreateFile for a file that does not
 * exist, the open document's version, 0-based ranges.
 */
export function fixesToEdit(state: PackState, docs: TextDocuments<TextDocument>, file: string, issues: Issue[]): WorkspaceEdit {
  const read = (f: string) => docs.get(pathToUri(f))?.getText() ?? state.textOf(f);
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  for (const plan of planFixes(issues, read, { packRoot: state.packRootOf(file), defaultFile: file })) {
    const uri = pathToUri(plan.file);
    const doc = docs.get(uri);
    if (!doc && !existsSync(plan.file)) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    const text = plan.text ?? '';
    changes.push({ textDocument: { uri, version: doc?.version ?? null }, edits: plan.edits.map((e) => toLspEdit(e, text)) });
  }
  return { documentChanges: changes };
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
