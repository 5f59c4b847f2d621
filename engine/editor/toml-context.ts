/**
 * What the cursor is on in a TOML manifest that may be mid-edit (so no real parser will accept it):
 * a table header, a key, or a value — with the key path of the enclosing table, including array-table
 * indices (`[[templates]]` #3 → ['templates', 2]) and inline tables / arrays on the current line or
 * spanning lines. A small tolerant lexer scans from the start of the file to the cursor (measured: a
 * 1,000-line manifest scans in well under a millisecond).
 */
import type { KeyPath } from '../manifest/locate';

export type CursorContext =
  | { kind: 'header'; array: boolean; prefix: string; start: number }
  // `present`: keys written around the cursor; undefined when not scanned (after a dotted key, YAML) — then the last good parse.
  | { kind: 'key'; table: KeyPath; prefix: string; start: number; inline: boolean; present?: string[] | undefined }
  | { kind: 'value'; path: KeyPath; prefix: string; start: number; inString: boolean };

interface Frame {
  type: 'table' | 'array';
  path: (string | number)[];
  expect: 'key' | 'value' | 'after';
  key: string[];
  index: number;
  /** First segments of the keys already written in this table (not counting the one being typed). */
  seen: string[];
}

const BARE = /[A-Za-z0-9_\-+.:]/;

/** The cursor context at `offset` (0-based character offset into `text`). */
export function tomlContextAt(text: string, offset: number): CursorContext {
  const arrayCounts = new Map<string, number>();
  const root: Frame = { type: 'table', path: [], expect: 'key', key: [], index: 0, seen: [] };
  const stack: Frame[] = [root];
  // The root frame is never popped (pops keep stack.length >= 1), so there is always a top.
  const top = () => stack[stack.length - 1]!;
  let i = 0;
  // The token the cursor may be inside of (a partial key, bare value or string).
  let partial: { start: number; text: string; string: boolean } | null = null;

  const valuePath = (f: Frame): (string | number)[] => (f.type === 'array' ? [...f.path, f.index] : [...f.path, ...f.key]);

  while (i < offset) {
    const c = text[i];
    // An offset past the end of the text: everything there is has been scanned.
    if (c === undefined) break;
    partial = null;
    const f = top();
    if (c === '\n') {
      // Inline tables cannot span lines: an unclosed one ends at its line.
      while (stack.length > 1 && top().type === 'table') stack.pop();
      if (stack.length === 1) {
        root.expect = 'key';
        root.key = [];
      }
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= offset) return { kind: 'key', table: root.path, prefix: '\u0000', start: offset, inline: false };
      i = nl;
      continue;
    }
    if (c === '[' && ((stack.length === 1 && root.expect === 'key') || looksLikeHeader(text, i))) {
      stack.length = 1;
      const array = text[i + 1] === '[';
      const nameStart = i + (array ? 2 : 1);
      const close = text.indexOf(']', nameStart);
      const nl = text.indexOf('\n', nameStart);
      const lineEnd = nl < 0 ? text.length : nl;
      if (close < 0 || close > lineEnd || close >= offset) {
        const prefix = text.slice(nameStart, offset);
        if (!prefix.includes('\n'))
          return { kind: 'header', array, prefix: prefix.trim(), start: nameStart + (prefix.length - prefix.trimStart().length) };
      }
      const names = splitDotted(text.slice(nameStart, close < 0 ? lineEnd : close));
      root.path = resolveHeader(names, array, arrayCounts);
      root.key = [];
      root.seen = [];
      i = close < 0 || close > lineEnd ? lineEnd : close + (array ? 2 : 1);
      continue;
    }
    if (c === '"' || c === "'") {
      const { end, closed } = stringEnd(text, i);
      if (closed ? end > offset : end >= offset) {
        partial = { start: i + 1, text: text.slice(i + 1, offset), string: true };
        break;
      }
      const value = unquote(text.slice(i, end));
      if (f.expect === 'key') f.key.push(value);
      else if (f.expect === 'value') f.expect = 'after';
      i = end;
      continue;
    }
    if (c === '=') {
      if (f.type === 'table') {
        f.expect = 'value';
        const [first] = f.key;
        if (first !== undefined) f.seen.push(first);
      }
      i++;
      continue;
    }
    if (c === '.' && f.expect === 'key') {
      i++;
      continue;
    }
    if (c === '{' && f.expect === 'value') {
      stack.push({ type: 'table', path: valuePath(f), expect: 'key', key: [], index: 0, seen: [] });
      i++;
      continue;
    }
    if (c === '[' && f.expect === 'value') {
      stack.push({ type: 'array', path: valuePath(f), expect: 'value', key: [], index: 0, seen: [] });
      i++;
      continue;
    }
    if ((c === '}' || c === ']') && stack.length > 1) {
      stack.pop();
      top().expect = 'after';
      i++;
      continue;
    }
    if (c === ',') {
      if (f.type === 'array') {
        f.index++;
        f.expect = 'value';
      } else if (stack.length > 1) {
        f.expect = 'key';
        f.key = [];
      }
      i++;
      continue;
    }
    if (BARE.test(c)) {
      let j = i;
      // text[j] exists: j < text.length.
      while (j < text.length && BARE.test(text[j]!) && !(f.expect === 'key' && text[j] === '.')) j++;
      if (j >= offset) {
        partial = { start: i, text: text.slice(i, offset), string: false };
        break;
      }
      if (f.expect === 'key') f.key.push(text.slice(i, j));
      else if (f.expect === 'value') f.expect = 'after';
      i = j;
      continue;
    }
    i++;
  }

  const f = top();
  const prefix = partial?.text ?? '';
  const start = partial?.start ?? offset;
  if (f.expect === 'key') {
    const dotted = f.key.length > 0;
    const present = dotted ? undefined : stack.length > 1 ? f.seen : [...f.seen, ...keysAfter(text, offset)];
    return { kind: 'key', table: [...f.path, ...f.key], prefix, start, inline: stack.length > 1, present };
  }
  if (f.expect === 'value' || partial) {
    return { kind: 'value', path: valuePath(f), prefix, start, inString: partial?.string ?? false };
  }
  // After a complete value with no separator yet: nothing sensible to offer but keys of the table.
  return { kind: 'key', table: f.path, prefix: '\u0000', start: offset, inline: stack.length > 1 };
}

/** First segments of the keys on the lines after the cursor's line, up to the next table header. */
function keysAfter(text: string, offset: number): string[] {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return [];
  const out: string[] = [];
  for (const line of text.slice(nl + 1).split('\n')) {
    if (/^\s*\[/.test(line)) break;
    const m = /^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]/.exec(line);
    if (m) out.push(m[1]!.replace(/^["']|["']$/g, '')); // group 1 is not optional
  }
  return out;
}

const HEADER_LINE = /^\[\[?\s*[A-Za-z_"'][^\],]*\]\]?\s*(#.*)?$/;

/** A `[name]` at the start of a line, even while an earlier array was left unclosed mid-edit. */
function looksLikeHeader(text: string, i: number): boolean {
  const ls = text.lastIndexOf('\n', i - 1) + 1;
  if (text.slice(ls, i).trim() !== '') return false;
  const nl = text.indexOf('\n', i);
  return HEADER_LINE.test(text.slice(i, nl < 0 ? text.length : nl).trimEnd());
}

/** Header names → key path with array-table indices, counting `[[x]]` occurrences per parent. */
function resolveHeader(names: string[], array: boolean, counts: Map<string, number>): (string | number)[] {
  const path: (string | number)[] = [];
  names.forEach((name, n) => {
    path.push(name);
    const id = JSON.stringify(path);
    const last = n === names.length - 1;
    if (last && array) {
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      // Children's counts are keyed by paths holding this index, so each element counts afresh.
      path.push(count - 1);
    } else if (counts.has(id)) {
      path.push(counts.get(id)! - 1);
    }
  });
  return path;
}

/** `a."b.c".d` → ['a', 'b.c', 'd']. */
export function splitDotted(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const { end } = stringEnd(s, i);
      out.push(unquote(s.slice(i, end)));
      i = end;
    } else if (c === '.' || c === ' ' || c === '\t') {
      i++;
    } else {
      let j = i;
      while (j < s.length && !/[.\s"']/.test(s[j]!)) j++; // s[j] exists: j < s.length
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** Offset just past the string starting at `i` (basic, literal, and the triple-quoted forms). */
function stringEnd(text: string, i: number): { end: number; closed: boolean } {
  const q = text[i]!; // callers pass the offset of the opening quote
  if (text.startsWith(q.repeat(3), i)) {
    const end = text.indexOf(q.repeat(3), i + 3);
    return end < 0 ? { end: text.length, closed: false } : { end: end + 3, closed: true };
  }
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (q === '"' && c === '\\') {
      j++;
      continue;
    }
    if (c === q) return { end: j + 1, closed: true };
    // An unterminated single-line string ends at its line (the next line is parsed afresh).
    if (c === '\n') return { end: j, closed: false };
  }
  return { end: text.length, closed: false };
}

function unquote(s: string): string {
  if (s.startsWith('"""') || s.startsWith("'''")) return s.slice(3, -3);
  const q = s.charAt(0);
  const body = s.slice(1, s.endsWith(q) && s.length > 1 ? -1 : undefined);
  return q === '"' ? body.replace(/\\(.)/g, '$1') : body;
}
