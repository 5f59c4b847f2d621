/** textDocument/documentLink: the template, query and RDF file paths of a manifest, as links. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { manifestPaths } from '../../engine';
import { pathToUri, toLspRange, uriToPath } from '../convert';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Handler of textDocument/documentLink (existing files only: a link to nothing is noise). */
export function onDocumentLinks(state: PackState) {
  return (params: DocumentLinkParams): DocumentLink[] => {
    const file = uriToPath(params.textDocument.uri);
    if (!file || fileKind(file, false) !== 'manifest') return [];
    const root = state.packRootOf(file);
    const loaded = root ? state.manifest(root) : null;
    if (!root || !loaded || loaded.file !== file) return [];
    return manifestPaths(loaded)
      .map((p) => ({ ...p, abs: resolve(root, p.path) }))
      .filter((p) => isFile(p.abs))
      .map((p) => ({ range: toLspRange(p.range), target: pathToUri(p.abs), tooltip: `Open ${p.path}` }));
  };
}
