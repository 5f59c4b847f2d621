/**
 * textDocument/completion: manifests (engine/editor/complete-manifest), template files (variable
 * names inside `{{ }}`, `queries.` names, `foreach:` query names) and query files (the `[rdf]`
 * prefixes, inserting the PREFIX line).
 */
import { type CompletionItem, CompletionItemKind, type CompletionParams, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import {
  type CompletionKindName,
  completeManifest,
  type CompletionSources,
  type EditorCompletion,
  completeQuery,
  completeTemplate,
  listPackFiles,
  parseManifestText,
} from '../../engine';
import { offsetOf, toLspRange, uriToPath } from '../convert';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';

const KINDS: Record<CompletionKindName, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  module: CompletionItemKind.Module,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  variable: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
  class: CompletionItemKind.Class,
};

function toLsp(c: EditorCompletion): CompletionItem {
  // Fields the engine left unset are left out (they would be dropped on the wire anyway).
  return {
    label: c.label,
    kind: KINDS[c.kind],
    ...(c.detail !== undefined && { detail: c.detail }),
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toLspRange(c.range), newText: c.insertText },
    ...(c.filterText !== undefined && { filterText: c.filterText }),
    ...(c.additionalEdits && { additionalTextEdits: c.additionalEdits.map((e) => ({ range: toLspRange(e.range), newText: e.newText })) }),
    ...(c.sortText !== undefined && { sortText: c.sortText }),
  };
}

/** Registry and pack-file lookups for completion, read lazily (only the branch that needs them pays). */
export function completionSources(state: PackState, packDir: string | null): CompletionSources {
  return {
    packs: () =>
      state
        .store()
        .summaries()
        .map((s) => ({ name: s.name, description: s.description })),
    versions: (name) => [
      ...new Set(
        state
          .store()
          .versions(name)
          .map((r) => r.version),
      ),
    ],
    packFiles: () => (packDir ? listPackFiles(packDir) : []),
  };
}

/** Handler of textDocument/completion. */
export function onCompletion(state: PackState) {
  return (params: CompletionParams): CompletionItem[] => {
    const file = uriToPath(params.textDocument.uri);
    if (!file) return [];
    const root = state.packRootOf(file);
    const text = state.textOf(file);
    if (text === null) return [];
    const offset = offsetOf(text, params.position.line, params.position.character);
    const kind = fileKind(file, root !== null);
    if (kind === 'manifest') {
      const format = file.endsWith('.toml') ? 'toml' : 'yaml';
      // A shadowed pack.yaml next to pack.toml is completed against itself, not the pack's manifest.
      const own = root && state.manifestFile(root) === file;
      const parsed = own ? null : parseManifestText(text, format, file);
      const lastGood = own ? state.lastGoodManifest(root) : parsed?.manifest ? parsed : null;
      return completeManifest(text, format, offset, lastGood, completionSources(state, root)).map(toLsp);
    }
    const manifest = root ? state.lastGoodManifest(root)?.manifest : null;
    if (!manifest) return [];
    if (kind === 'template') return completeTemplate(text, offset, manifest).map(toLsp);
    if (kind === 'query') return completeQuery(text, offset, manifest).map(toLsp);
    return [];
  };
}
