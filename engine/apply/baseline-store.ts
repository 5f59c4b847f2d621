/**
 * The baselines of a project (the pristine render of every generated file, which `regenerate`
 * 3-way-merges against) live in ONE store file, `.packs/baselines.jsonl`, not one file per content
 * under `.packs/baseline/<sha256>` as before: a run creates O(1) files instead of one per generated
 * file. The store is written by the atomic apply as an internal write (staged beside the project,
 * then renamed in through the move journal), so a kill leaves either the old store or the new one,
 * both complete. It is always a fresh file and never a hard link to the generated files: an editor
 * that saves in place would otherwise change the baseline along with the file.
 *
 * Format: UTF-8, LF only, a header line `{"ggen_baselines":1}`, then one line per baseline sorted by
 * sha256 — `{"sha256":"<hex>","text":"…"}` when the bytes round-trip through UTF-8, else
 * `{"sha256":"<hex>","base64":"…"}` — and a final `\n`. One line per baseline keeps git diffs small,
 * and the file is always valid text, so an editor can replace it with a text edit (the extension's
 * one-Undo WorkspaceEdit). Reading never throws on a garbled line (a git conflict, a bad merge): every
 * entry is checked against its sha256 and a bad one is simply missing.
 *
 * Migration: a project made before keeps its `.packs/baseline/<sha>` files; the reader falls back to
 * them, the next real write puts every referenced baseline into the store, and the old folder is
 * then removed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { GenerationError } from '../errors';
import type { WriteRequest } from './apply';
import { BASELINE_DIR, sha256, type LockData } from './lockfile';

export { BASELINE_DIR };
export const BASELINE_STORE = '.packs/baselines.jsonl';

const HEADER = '{"ggen_baselines":1}';
const PREFIX = '{"sha256":"';
const HEX = /^[0-9a-f]{64}$/;
/** Where the hex ends in an entry line: the prefix, then 64 hex digits, then `",`. */
const SHA_END = PREFIX.length + 64;

/** Reads baselines by sha256: the store first, then the legacy folder. */
export interface BaselineReader {
  /** The baseline with this sha256 (its content verified), or null. */
  get(sha: string): Buffer | null;
}

/** Whether `buf` survives a UTF-8 decode and encode unchanged (then it is stored as text). */
const roundTrips = (buf: Buffer) => Buffer.from(buf.toString('utf8'), 'utf8').equals(buf);

/** JSON.stringify leaves U+2028/U+2029 raw; escape them so no editor sees a line break inside a line. */
const jsonString = (s: string) =>
  JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The store's text for these entries (sha256 → content), sorted by sha256, one line each. */
export function serializeBaselines(entries: ReadonlyMap<string, Buffer>): string {
  const lines = [HEADER];
  for (const sha of [...entries.keys()].sort()) {
    if (!HEX.test(sha)) throw new Error(`not a sha256: ${sha}`);
    const buf = entries.get(sha)!;
    lines.push(
      roundTrips(buf)
        ? `${PREFIX}${sha}","text":${jsonString(buf.toString('utf8'))}}`
        : `${PREFIX}${sha}","base64":"${buf.toString('base64')}"}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** One entry-shaped line of a store and its 1-based line number. */
interface StoreLine {
  text: string;
  no: number;
}

/** The lines of a store, indexed by the sha256 of their fixed prefix (no line is JSON-parsed here). */
interface StoreIndex {
  header: boolean;
  /** sha256 → the lines claiming it (more than one only in a garbled file). */
  lines: Map<string, StoreLine[]>;
  /** Numbers of the lines after the header that are not entry-shaped (the final newline aside). */
  unindexed: number[];
}

function indexStore(text: string): StoreIndex {
  const all = text.split('\n');
  const lines = new Map<string, StoreLine[]>();
  const unindexed: number[] = [];
  let header = false;
  try {
    const h: unknown = JSON.parse((all[0] ?? '').replace(/^\uFEFF/, '')); // an editor may have added a BOM
    header = typeof h === 'object' && h !== null && (h as Record<string, unknown>).ggen_baselines === 1;
  } catch {
    /* no header */
  }
  // No header, or another version: nothing in this file can be trusted as ours.
  if (!header) return { header, lines, unindexed };
  for (let i = 1; i < all.length; i++) {
    const text = all[i]!;
    if (text === '' && i === all.length - 1) break;
    const sha = text.slice(PREFIX.length, SHA_END);
    if (!text.startsWith(PREFIX) || !HEX.test(sha) || text.charCodeAt(SHA_END) !== 0x22 /* " */) {
      unindexed.push(i + 1);
      continue;
    }
    const line = { text, no: i + 1 };
    const list = lines.get(sha);
    if (list) list.push(line);
    else lines.set(sha, [line]);
  }
  return { header, lines, unindexed };
}

/** The content of one entry line, or null when the line does not parse or its content does not match `sha`. */
function decodeLine(line: string, sha: string): Buffer | null {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Record<string, unknown>;
  if (e.sha256 !== sha) return null;
  const content =
    typeof e.text === 'string' && e.base64 === undefined
      ? Buffer.from(e.text, 'utf8')
      : typeof e.base64 === 'string' && e.text === undefined
        ? Buffer.from(e.base64, 'base64')
        : null;
  return content && sha256(content) === sha ? content : null;
}

function decodeFirst(lines: readonly StoreLine[] | undefined, sha: string): Buffer | null {
  for (const line of lines ?? []) {
    const content = decodeLine(line.text, sha);
    if (content) return content;
  }
  return null;
}

export interface ParsedBaselines {
  /** Whether the header line is there (without it, the file counts as empty). */
  header: boolean;
  /** Every valid entry. */
  entries: Map<string, Buffer>;
  /** 1-based numbers of the lines that are not valid entries (the header and the final newline aside). */
  badLines: number[];
}

/** Every entry of a store's text, checked; garbled lines are listed, never thrown. */
export function parseBaselines(text: string): ParsedBaselines {
  const index = indexStore(text);
  const entries = new Map<string, Buffer>();
  const badLines = [...index.unindexed];
  for (const [sha, lines] of index.lines) {
    for (const line of lines) {
      const content = decodeLine(line.text, sha);
      if (!content) badLines.push(line.no);
      else if (!entries.has(sha)) entries.set(sha, content);
    }
  }
  return { header: index.header, entries, badLines: badLines.sort((a, b) => a - b) };
}

/** The store text of `root`, or '' when there is none. An unreadable store is an error: dropping it would lose baselines. */
function readStoreText(root: string): string {
  try {
    return readFileSync(join(root, BASELINE_STORE), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '';
    throw new GenerationError(`Cannot read ${BASELINE_STORE} in ${root}: ${(err as Error).message}`, {
      hint: 'It holds the baselines regenerate merges against; make it readable and run again.',
      cause: err,
    });
  }
}

/**
 * The baselines of `root`. The store is read at most once, when the first baseline is asked for;
 * each entry is decoded (and checked) when asked for, at most once. An entry the store lacks comes
 * from the legacy `.packs/baseline/<sha>` file, if any.
 */
export function openBaselines(root: string): BaselineReader {
  let index: StoreIndex | undefined;
  const cache = new Map<string, Buffer | null>();
  const legacy = (sha: string): Buffer | null => {
    try {
      const content = readFileSync(join(root, BASELINE_DIR, sha));
      return sha256(content) === sha ? content : null;
    } catch {
      return null;
    }
  };
  return {
    get(sha) {
      if (!HEX.test(sha)) return null;
      const known = cache.get(sha);
      if (known !== undefined) return known;
      index ??= indexStore(readStoreText(root));
      const content = decodeFirst(index.lines.get(sha), sha) ?? legacy(sha);
      cache.set(sha, content);
      return content;
    },
  };
}

/**
 * The store write of a run: exactly one entry per distinct sha256 the new lock's `files` reference,
 * the content taken from this run's `fresh` files when one has that sha, else from the project's
 * baselines (`opts.reader`, or `root`'s opened here), else from `opts.also` (merge: the source
 * project's). Shas found nowhere are left out, and so are baselines the lock no longer references
 * (the store is garbage-collected on every write).
 */
export function baselineStoreWrite(
  root: string,
  lock: LockData,
  rootPack: string,
  fresh: readonly { content: Buffer }[],
  opts: { reader?: BaselineReader; also?: readonly BaselineReader[] } = {},
): WriteRequest {
  const wanted = new Set(lock.files.map((f) => f.sha256));
  const entries = new Map<string, Buffer>();
  for (const f of fresh) {
    const h = sha256(f.content);
    if (wanted.has(h)) entries.set(h, f.content);
  }
  const sources = [opts.reader ?? openBaselines(root), ...(opts.also ?? [])];
  for (const sha of wanted) {
    if (entries.has(sha)) continue;
    for (const source of sources) {
      const content = source.get(sha);
      if (content) {
        entries.set(sha, content);
        break;
      }
    }
  }
  return {
    path: BASELINE_STORE,
    content: Buffer.from(serializeBaselines(entries), 'utf8'),
    mode: 0o644,
    pack: rootPack,
    template: '(baselines)',
    skipIfExists: false,
    internal: true,
  };
}

/**
 * After a real apply that wrote (or kept) the store: remove the legacy `.packs/baseline/` folder,
 * whose every referenced entry is in the store now. A kill between the store's commit and this
 * removal is harmless: the store has everything, and the next run removes the folder.
 */
export function removeLegacyBaselines(root: string): void {
  rmSync(join(root, BASELINE_DIR), { recursive: true, force: true });
}
