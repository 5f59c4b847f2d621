/**
 * Rename of a pack variable (textDocument/prepareRename + rename): from its `[[variables]]` name or
 * from a use in a template, across the manifest and every template file (engine/editor/variable-refs).
 */
import {
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  ResponseError,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { tagAt, tagVariable, variableSites, LineIndex } from '../../engine';
import { pathToUri, toLspRange } from '../convert';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';
import { frontMatterRef } from './hover';

interface Target {
  root: string;
  name: string;
  range: Range;
}

/** The declared variable under the cursor, with the range of its name. */
function targetAt(state: PackState, uri: string, line: number, character: number): Target | null {
  const at = state.cursor(uri, line, character);
  if (!at) return null;
  const { file, root, text, offset } = at;
  const loaded = state.lastGoodManifest(root);
  const declared = (n: string) => !!loaded?.manifest?.variables.some((v) => v.name === n);
  const lines = new LineIndex(text);
  const kind = fileKind(file, true);
  if (kind === 'manifest') {
    const found = state.manifestKeyAt(root, file, offset);
    const hit = found?.hit;
    const p = hit?.path;
    if (!hit || !p || p[0] !== 'variables' || p[2] !== 'name' || hit.on !== 'value') return null;
    const name = found.loaded.manifest?.variables[p[1] as number]?.name;
    if (!name) return null;
    const at = text.indexOf(name, hit.span[0]);
    return { root, name, range: toLspRange(lines.range(at, at + name.length)) };
  }
  if (kind !== 'template') return null;
  const fm = frontMatterRef(text, offset);
  if (fm?.key === 'when' && declared(fm.name))
    return { root, name: fm.name, range: toLspRange(lines.range(fm.start, fm.start + fm.name.length)) };
  const tag = tagAt(text, offset);
  const name = tag ? tagVariable(tag) : null;
  if (!tag || !name || !declared(name)) return null;
  return { root, name, range: toLspRange(lines.range(tag.nameStart, tag.nameStart + name.length)) };
}

/** Handler of textDocument/prepareRename. */
export function onPrepareRename(state: PackState) {
  return (params: PrepareRenameParams): { range: Range; placeholder: string } | null => {
    const t = targetAt(state, params.textDocument.uri, params.position.line, params.position.character);
    return t ? { range: t.range, placeholder: t.name } : null;
  };
}

/** Handler of textDocument/rename. */
export function onRename(state: PackState) {
  return (params: RenameParams): WorkspaceEdit | ResponseError<void> | null => {
    const t = targetAt(state, params.textDocument.uri, params.position.line, params.position.character);
    if (!t) return null;
    if (!/^[a-z_][a-z0-9_]*$/.test(params.newName)) {
      return new ResponseError(
        -32602,
        `"${params.newName}" is not a snake_case variable name (letters, digits and _; starting with a letter or _)`,
      );
    }
    const loaded = state.manifest(t.root);
    if (!loaded?.manifest) return new ResponseError(-32603, 'The manifest has syntax errors; fix them before renaming');
    if (loaded.manifest.variables.some((v) => v.name === params.newName)) {
      return new ResponseError(-32602, `A variable named "${params.newName}" already exists`);
    }
    const changes: Record<string, TextEdit[]> = {};
    for (const s of variableSites(loaded, t.root, t.name, (f) => state.textOf(f))) {
      (changes[pathToUri(s.file)] ??= []).push({ range: toLspRange(s.range), newText: params.newName });
    }
    return { changes };
  };
}
