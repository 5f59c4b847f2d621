/**
 * The on-disk form of the local index, `$GGEN_HOME/packs/index.jsonl`: a header line
 * `{"version","stamp","count","names"}`, then one JSON entry per line sorted by name (then
 * version), each line starting with its `"name"`. At 10,000 packs the file is ~5 MB; parsing all of
 * it costs more than the whole of `ggen-pack show` should, so readers binary-search the raw bytes
 * for a name and parse only the lines they use; counts come from the header.
 */
import type { PackSummary } from '../../protocol';

const NL = 0x0a;
const QUOTE = 0x22;
const NAME_PREFIX = Buffer.from('{"name":"');

/** One installed pack version: one entry line of the file (its summary fields are those list/search print). */
export interface IndexEntry extends Omit<PackSummary, 'source' | 'installed'> {
  /** Template aliases (searchable). */
  templates: string[];
  /** name → range, optional ones marked. */
  dependencies: { name: string; range: string; optional: boolean }[];
  integrity: string;
  /** Installed by the user (true) or only as somebody's dependency (false). */
  explicit: boolean;
  /** Where it was installed from ('bundled', 'path:<dir>', …). */
  from: string;
  installedAt: string;
}

export interface IndexHeader {
  version: number;
  stamp: string;
  /** Entries (pack versions). */
  count: number;
  /** Distinct names. */
  names: number;
}

/** The order of the entry lines. */
export const byNameThenVersion = (a: IndexEntry, b: IndexEntry) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1;

/** Serialize entries (any order) with a header. JSON escapes newlines, so each entry is one line. */
export function formatIndexLines(header: Pick<IndexHeader, 'version' | 'stamp'>, entries: IndexEntry[]): string {
  const sorted = [...entries].sort(byNameThenVersion);
  const lines = sorted.map(({ name, ...rest }) => JSON.stringify({ name, ...rest })); // name first: searched by bytes
  const names = new Set(sorted.map((e) => e.name)).size;
  return [JSON.stringify({ ...header, count: sorted.length, names }), ...lines].join('\n') + '\n';
}

/** A view of an index file's bytes: the header, and entries parsed on demand. */
export class IndexLines {
  private readonly cache = new Map<number, IndexEntry>();

  private constructor(
    private readonly buf: Buffer,
    readonly header: IndexHeader,
    /** Offset of the first entry line. */
    private readonly body: number,
  ) {}

  /**
   * Null when the bytes are not a well-formed index (the caller rebuilds it): a bad header, a
   * missing final newline or a last line that does not parse (the marks of a torn write).
   */
  static parse(buf: Buffer, expectVersion: number): IndexLines | null {
    const first = buf.indexOf(NL);
    if (first < 0 || buf[buf.length - 1] !== NL) return null;
    try {
      const header = JSON.parse(buf.toString('utf8', 0, first)) as IndexHeader;
      if (
        header?.version !== expectVersion ||
        typeof header.stamp !== 'string' ||
        typeof header.count !== 'number' ||
        typeof header.names !== 'number'
      )
        return null;
      const view = new IndexLines(buf, header, first + 1);
      if (header.count > 0) {
        const lastStart = buf.lastIndexOf(NL, buf.length - 2) + 1;
        if (typeof view.entryAt(lastStart).name !== 'string') return null;
      }
      return view;
    } catch {
      return null;
    }
  }

  /** Start of the line holding byte `pos`. */
  private lineStart(pos: number): number {
    return pos <= this.body ? this.body : this.buf.lastIndexOf(NL, pos - 1) + 1;
  }

  /** Start of the line after the one starting at `start` (buf.length at the end). */
  private nextLine(start: number): number {
    const end = this.buf.indexOf(NL, start);
    return end < 0 ? this.buf.length : end + 1;
  }

  /** The bytes of the name of the line starting at `start`. */
  private nameRange(start: number): [number, number] {
    const from = start + NAME_PREFIX.length;
    return [from, this.buf.indexOf(QUOTE, from)]; // kebab-case or @scope/kebab: no escaped quotes
  }

  private nameAt(start: number): string {
    const [a, b] = this.nameRange(start);
    return this.buf.toString('utf8', a, b);
  }

  private compareName(start: number, name: Buffer): number {
    const [a, b] = this.nameRange(start);
    return this.buf.compare(name, 0, name.length, a, b); // line name vs key: bytes order = string order for ASCII names
  }

  private entryAt(start: number): IndexEntry {
    let e = this.cache.get(start);
    if (!e) {
      const end = this.buf.indexOf(NL, start);
      e = JSON.parse(this.buf.toString('utf8', start, end < 0 ? this.buf.length : end)) as IndexEntry;
      this.cache.set(start, e);
    }
    return e;
  }

  /** Every entry named `name`: a binary search over byte offsets, then the adjacent lines. */
  byName(name: string): IndexEntry[] {
    const key = Buffer.from(name);
    let lo = this.body; // a line start whose name is < key, or the body start
    let hi = this.buf.length; // a byte offset at or after the first line whose name is >= key
    while (lo < hi) {
      const start = this.lineStart((lo + hi) >>> 1);
      if (start < lo) break;
      if (this.compareName(start, key) < 0) lo = this.nextLine(start);
      else hi = start;
    }
    const out: IndexEntry[] = [];
    for (let s = lo; s < this.buf.length && this.compareName(s, key) === 0; s = this.nextLine(s)) out.push(this.entryAt(s));
    return out;
  }

  /** The first `limit` distinct names in sorted order (default: all); parses no entry. */
  names(limit = Infinity): string[] {
    const out: string[] = [];
    for (let s = this.body; s < this.buf.length && out.length < limit; s = this.nextLine(s)) {
      const n = this.nameAt(s);
      if (out[out.length - 1] !== n) out.push(n);
    }
    return out;
  }

  all(): IndexEntry[] {
    const out: IndexEntry[] = [];
    for (let s = this.body; s < this.buf.length; s = this.nextLine(s)) out.push(this.entryAt(s));
    return out;
  }
}
