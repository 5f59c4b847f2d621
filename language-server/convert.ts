/**
 * LSP ↔ engine translation of positions, ranges, URIs and edits. The engine is 1-based
 * (line/column, UTF-16 columns); LSP is 0-based. Nothing else in the server does arithmetic on
 * positions.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position as LspPosition, Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextEdit } from '../protocol';

export const toLspPosition = (p: Position): LspPosition => ({ line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) });
export const toEnginePosition = (p: LspPosition): Position => ({ line: p.line + 1, column: p.character + 1 });

/** An engine range as LSP; null (whole-file issues) becomes the start of the file. */
export function toLspRange(r: Range | null): LspRange {
  if (!r) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

export const toEngineRange = (r: LspRange): Range => ({ start: toEnginePosition(r.start), end: toEnginePosition(r.end) });

/** An engine TextEdit (null range = append at the end) against the document's current text. */
export function toLspEdit(e: TextEdit, text: string): LspTextEdit {
  if (e.range) return { range: toLspRange(e.range), newText: e.newText };
  const end = asDocument(text).positionAt(text.length);
  return { range: { start: end, end }, newText: e.newText };
}

export const uriToPath = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);
export const pathToUri = (p: string): string => pathToFileURL(p).href;

/** Do two ranges overlap (touching counts, so a cursor at a squiggle's end still gets its fix)? */
export function overlaps(a: LspRange, b: LspRange): boolean {
  const before = (x: LspPosition, y: LspPosition) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** 0-based line/character → offset (a character past the line's end stops at the line's end). */
export function offsetOf(text: string, line: number, character: number): number {
  return asDocument(text).offsetAt({ line, character });
}

/** vscode-languageserver-textdocument does the position arithmetic for texts that are not open documents. */
const asDocument = (text: string): TextDocument => TextDocument.create('', '', 0, text);
