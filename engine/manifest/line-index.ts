/**
 * Offsets ↔ 1-based line/column for one text, with a line-start table built once (binary search
 * per lookup). Columns count UTF-16 code units, like JavaScript strings and LSP's default encoding.
 */
import type { Position, Range } from '../../protocol';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Number of lines (a trailing newline starts an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    // lo, mid and hi stay within 0..starts.length - 1, and starts is never empty.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of a position (clamped to the text). */
  offset(pos: Position): number {
    const line = Math.max(1, Math.min(pos.line, this.starts.length));
    return Math.min(this.text.length, this.starts[line - 1]! + Math.max(0, pos.column - 1)); // line is clamped to 1..lineCount
  }

  /** Offset just past the last non-newline character of the line holding `offset`. */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    const end = nl < 0 ? this.text.length : nl;
    return end > offset && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** The whole (1-based) line as a range, without its newline. */
  lineRange(line: number): Range {
    const start = this.offset({ line, column: 1 });
    return this.range(start, this.lineEnd(start));
  }
}

/** The 1-based position of one offset (a parser's error offset); build a LineIndex for many lookups. */
export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

/** `positionAt` as `[line, column]`. */
export function lineColumnAt(text: string, offset: number): [number, number] {
  const { line, column } = positionAt(text, offset);
  return [line, column];
}
