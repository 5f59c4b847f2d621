/**
 * Pull diagnostics (textDocument/diagnostic): the engine's issues for the pack enclosing the
 * document, filtered to the ones whose file is this document (manifest issues on the manifest,
 * template/query issues on those files), as LSP Diagnostics carrying the issue code. Results are
 * memoized in PackState per manifest text and pack generation, so a re-pull is a lookup.
 */
import {
  type Diagnostic,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Issue } from '../../protocol';
import { toLspRange, uriToPath } from '../convert';
import { fileKind } from '../file-kind';
import { issueFile, type PackState } from '../pack-state';
import { compositionIssues } from './composition';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The issues (engine values) that belong on the document at `file`. */
export function issuesForFile(state: PackState, file: string): Issue[] {
  const kind = fileKind(file, true);
  if (kind === 'composition') return compositionIssues(state, file);
  const root = state.packRootOf(file);
  if (!root) return [];
  const manifestFile = state.manifestFile(root);
  if (!manifestFile) return [];
  return state.issues(root).filter((i) => issueFile(i, root, manifestFile) === file);
}

/** Engine Issue → LSP Diagnostic. `data` keeps the code and index so code actions find the fix. */
export function toDiagnostic(issue: Issue, index: number): Diagnostic {
  return {
    range: toLspRange(issue.range),
    severity: SEVERITY[issue.severity],
    code: issue.code,
    source: 'packs',
    message: issue.message,
    data: { index, fixable: !!issue.fix },
  };
}

/** Handler of textDocument/diagnostic. */
export function onDiagnostic(state: PackState) {
  return (params: DocumentDiagnosticParams): DocumentDiagnosticReport => {
    const file = uriToPath(params.textDocument.uri);
    const items = file ? issuesForFile(state, file).map(toDiagnostic) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  };
}
