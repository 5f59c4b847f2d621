/**
 * The cursor context (see toml-context) in a `pack.yaml` that may be mid-edit, from indentation:
 * block mappings and `- ` sequence items, top-down to the cursor line. Flow collections
 * (`{ a: 1 }`) are not descended into; block style is what pack authors write.
 */
import type { KeyPath } from '../manifest/locate';
import { isTable, schemaAt } from './schema-nav';
import type { CursorContext } from './toml-context';

interface Frame {
  col: number;
  path: KeyPath;
  /** Column of the `-` that opened this sequence item, and the sequence's path. */
  dash?: number;
  arrPath?: KeyPath;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s:#'"-][^:#]*?|-[^\s:#][^:#]*?):(?:\s+|$)(.*)$/;

/** The cursor context at `offset` (0-based) of a YAML manifest. */
export function yamlContextAt(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const stack: Frame[] = [{ col: 0, path: [] }];
  const counts = new Map<string, number>();
  let pending: { col: number; path: KeyPath } | null = null;
  // The root frame is never popped (pops keep stack.length >= 1), so there is always a top.
  const top = () => stack[stack.length - 1]!;

  const dashes = (line: string): { cols: number[]; col: number; rest: string } => {
    const cols: number[] = [];
    let i = 0;
    for (;;) {
      while (line[i] === ' ') i++;
      if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
        cols.push(i);
        i += 1;
        continue;
      }
      return { cols, col: i, rest: line.slice(i) };
    }
  };
  const openItem = (d: number): KeyPath => {
    let arrPath: KeyPath;
    const at = stack.findIndex((f) => f.dash === d);
    // Frames with a `dash` are pushed below, always together with their `arrPath`.
    const sibling = at > 0 ? stack[at]?.arrPath : undefined;
    if (sibling) {
      arrPath = sibling;
      stack.length = at;
    } else {
      while (stack.length > 1 && top().col > d) stack.pop();
      arrPath = pending && pending.col <= d ? pending.path : top().path;
    }
    const id = JSON.stringify(arrPath);
    const index = counts.get(id) ?? 0;
    counts.set(id, index + 1);
    const path = [...arrPath, index];
    stack.push({ col: d + 2, path, dash: d, arrPath });
    pending = null;
    return path;
  };
  const enterKeyColumn = (col: number) => {
    while (stack.length > 1 && top().col > col) stack.pop();
    if (pending && col > pending.col) stack.push({ col, path: pending.path });
    pending = null;
  };

  for (const line of text.slice(0, Math.max(0, lineStart - 1)).split('\n')) {
    const clean = line.replace(/\r$/, '');
    if (!clean.trim() || clean.trimStart().startsWith('#')) continue;
    const d = dashes(clean);
    for (const c of d.cols) openItem(c);
    const m = KEY.exec(d.rest);
    if (!m) continue;
    enterKeyColumn(d.col);
    // Groups 1 (the key) and 2 (the rest, maybe empty) always take part in a KEY match.
    const key = m[1]!.replace(/^["']|["']$/g, '');
    const value = m[2]!.replace(/#.*$/, '').trim();
    pending = value === '' ? { col: d.col, path: [...top().path, key] } : null;
  }

  const before = text.slice(lineStart, offset);
  const d = dashes(before);
  let itemPath: KeyPath | null = null;
  for (const c of d.cols) itemPath = openItem(c);
  const m = KEY.exec(d.rest);
  if (m) {
    enterKeyColumn(d.col);
    const key = m[1]!.replace(/^["']|["']$/g, ''); // groups 1 and 2 are not optional (see above)
    const valueText = m[2]!;
    const quoted = /^["']/.test(valueText);
    const prefix = quoted ? valueText.slice(1) : valueText;
    return { kind: 'value', path: [...top().path, key], prefix, start: offset - prefix.length, inString: quoted };
  }
  const prefix = d.rest;
  if (itemPath) {
    // `- x` in a sequence of scalars is a value; in a sequence of tables it starts a key.
    const node = schemaAt(itemPath);
    if (!node || !isTable(node)) {
      const quoted = /^["']/.test(prefix);
      const p = quoted ? prefix.slice(1) : prefix;
      return { kind: 'value', path: itemPath, prefix: p, start: offset - p.length, inString: quoted };
    }
    return { kind: 'key', table: itemPath, prefix, start: offset - prefix.length, inline: false };
  }
  enterKeyColumn(d.col);
  return { kind: 'key', table: top().path, prefix, start: offset - prefix.length, inline: false };
}
