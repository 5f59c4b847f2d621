/** textDocument/documentSymbol: the manifest outline from engine/editor/outline. */
import { type DocumentSymbol, type DocumentSymbolParams, SymbolKind } from 'vscode-languageserver';
import { type EditorSymbol, manifestOutline, type SymbolKindName } from '../../engine';
import { toLspRange, uriToPath } from '../convert';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';

const KINDS: Record<SymbolKindName, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  class: SymbolKind.Class,
  function: SymbolKind.Function,
  variable: SymbolKind.Variable,
  package: SymbolKind.Package,
  event: SymbolKind.Event,
  object: SymbolKind.Object,
  field: SymbolKind.Field,
};

function toLsp(s: EditorSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail !== undefined && { detail: s.detail }),
    kind: KINDS[s.kind],
    range: toLspRange(s.range),
    selectionRange: toLspRange(s.selectionRange),
    ...(s.children && { children: s.children.map(toLsp) }),
  };
}

/** Handler of textDocument/documentSymbol (manifests only). */
export function onDocumentSymbol(state: PackState) {
  return (params: DocumentSymbolParams): DocumentSymbol[] => {
    const file = uriToPath(params.textDocument.uri);
    if (!file || fileKind(file, false) !== 'manifest') return [];
    const root = state.packRootOf(file);
    const loaded = root ? state.manifest(root) : null;
    return loaded && loaded.file === file ? manifestOutline(loaded).map(toLsp) : [];
  };
}
