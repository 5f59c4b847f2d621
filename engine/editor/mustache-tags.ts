/**
 * Mustache tags of a template file with offsets, for the editor: completion inside `{{ }}`, hover
 * and go-to-definition on a variable, rename. A tolerant scan (regex over `{{…}}`), so a file with an
 * unclosed section — normal while typing — still yields every tag.
 */

export interface MustacheTag {
  /** '' (escaped), '&', '{' (triple), '#', '^', '/', '!', '>'. */
  sigil: string;
  /** The full dotted name (`queries.services`, `project_name`). */
  name: string;
  /** Offsets of the tag (`{{` … `}}`) and of the name inside it. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

const TAG = /\{\{(\{|&|#|\^|\/|!|>)?(\s*)([^}\s]*)[^}]*\}?\}\}/g;

/** Every tag of `text`, in order. */
export function mustacheTags(text: string): MustacheTag[] {
  const out: MustacheTag[] = [];
  for (const m of text.matchAll(TAG)) {
    const sigil = m[1] ?? '';
    // Groups 2 (`\s*`) and 3 (`[^}\s]*`) always take part in a match; only the sigil is optional.
    const space = m[2]!;
    const name = m[3]!;
    const nameStart = m.index + 2 + sigil.length + space.length;
    out.push({ sigil, name, start: m.index, end: m.index + m[0].length, nameStart, nameEnd: nameStart + name.length });
  }
  return out;
}

/** The variable name a tag refers to (its first dotted segment), or null for comments, partials, `.`, row helpers. */
export function tagVariable(tag: MustacheTag): string | null {
  if (tag.sigil === '!' || tag.sigil === '>' || !tag.name || tag.name === '.') return null;
  return tag.name.split('.')[0]!; // split always yields at least one element
}

/** The tag whose name contains `offset`, if any. */
export function tagAt(text: string, offset: number): MustacheTag | null {
  return mustacheTags(text).find((t) => offset >= t.nameStart && offset <= t.nameEnd) ?? null;
}

/**
 * When `offset` is inside an unfinished or finished tag, the name typed so far and where it starts.
 */
export function openTagAt(text: string, offset: number): { prefix: string; start: number } | null {
  const open = text.lastIndexOf('{{', offset - 1);
  if (open < 0) return null;
  const close = text.indexOf('}}', open);
  if (close >= 0 && close < offset) return null;
  const m = /^\{?(\{|&|#|\^|\/)?\s*([^}\s]*)$/.exec(text.slice(open + 2, offset));
  if (!m) return null;
  const prefix = m[2]!; // group 2 (`[^}\s]*`) always takes part in a match
  return { prefix, start: offset - prefix.length };
}
