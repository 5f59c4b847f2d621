/**
 * Pull diagnostics (textDocument/diagnostic): the engine's issues for the pack enclosing the
 * document, filtered to the ones whose file is this document (manifest issues on the manifest,
 * template/query issues on those files), as LSP Diagnostics carrying the issue code. Results are
 * memoized in PackState per manifest text and pack generation, so a re-pull is a lookup. While
 * typing, the fast lint answers at once and the full lint follows after a pause (debounced).
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

/**
 * The issues (engine values) that belong on the document at `file`, and whether they are the full
 * lint (`complete`) or the fast one awaiting it. `full` forces the full lint first (code actions).
 */
export function issuesForFile(state: PackState, file: string, full = false): { issues: Issue[]; complete: boolean; root: string | null } {
  const kind = fileKind(file, true);
  if (kind === 'composition') return { issues: compositionIssues(state, file), complete: true, root: null };
  const root = state.packRootOf(file);
  if (!root) return { issues: [], complete: true, root };
  const manifestFile = state.manifestFile(root);
  if (!manifestFile) return { issues: [], complete: true, root };
  if (full) state.lintFull(root);
  const r = state.issues(root);
  return { issues: r.issues.filter((i) => issueFile(i, root, manifestFile) === file), complete: r.complete, root };
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

let served = 0;

/**
 * Handler of textDocument/diagnostic. A fast result (resultId `partial-…`) is recorded in PackState
 * and asks `scheduleFull` to run the full lint after the typing pause; whoever runs it first (that
 * pass or a code action), PackState then has the server send workspace/diagnostic/refresh.
 */
export function onDiagnostic(state: PackState, scheduleFull: ((root: string) => void) | null) {
  return (params: DocumentDiagnosticParams): DocumentDiagnosticReport => {
    const file = uriToPath(params.textDocument.uri);
    if (!file) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A client that cannot be told to re-pull (no refresh support) gets the full lint every time.
    const r = issuesForFile(state, file, scheduleFull === null);
    if (!r.complete && r.root) {
      state.servedPartial(r.root);
      scheduleFull?.(r.root);
    }
    return {
      kind: DocumentDiagnosticReportKind.Full,
      resultId: `${r.complete ? 'full' : 'partial'}-${++served}`,
      items: r.issues.map(toDiagnostic),
    };
  };
}
