/**
 * Search for large registries (thousands of packs), where even loading a serialized minisearch
 * index costs more than the whole 100 ms budget (measured at 10,000 packs: 170 ms loadJSON, 270 ms
 * build). This index is two newline-joined strings (terms, and per term its postings
 * `doc.fieldMask`) that JSON.parse reads in a few milliseconds; a query scans the term list for
 * exact, prefix and fuzzy (edit distance) matches and scores only the postings of matched terms.
 * Tokenization and ranking follow minisearch's (its tokenizer, BM25-like idf, field boosts, fuzzy
 * and prefix penalties), so small and large registries rank alike.
 */
import { distance } from 'fastest-levenshtein';
import MiniSearch from 'minisearch';

export interface CompactDoc {
  id: string;
  fields: string[];
}

export interface CompactIndex {
  /** Document ids in index order. */
  ids: string[];
  /** Terms, '\n'-joined, sorted. */
  terms: string;
  /** Per term (same order), space-separated `docIndex.fieldMask` in base 36, '\n'-joined. */
  postings: string;
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** Which of 32 character classes a term contains; each edit changes at most two bits. */
function charMask(t: string): number {
  let m = 0;
  for (let i = 0; i < t.length; i++) m |= 1 << (t.charCodeAt(i) & 31);
  return m;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
const norm = (t: string) => t.toLowerCase();

/** Builds the compact index; `fields[i]` of every doc is field i (at most 31 fields). */
export function buildCompactIndex(docs: CompactDoc[]): CompactIndex {
  const post = new Map<string, Map<number, number>>();
  docs.forEach((d, di) => {
    d.fields.forEach((text, fi) => {
      for (const raw of tokenize(text)) {
        if (!raw) continue;
        const term = norm(raw);
        let m = post.get(term);
        if (!m) post.set(term, (m = new Map<number, number>()));
        m.set(di, (m.get(di) ?? 0) | (1 << fi));
      }
    });
  });
  const terms = [...post.keys()].sort();
  return {
    ids: docs.map((d) => d.id),
    terms: terms.join('\n'),
    postings: terms.map((t) => [...post.get(t)!].map(([d, mask]) => `${d.toString(36)}.${mask.toString(36)}`).join(' ')).join('\n'),
  };
}

export interface CompactHit {
  id: string;
  score: number;
}

/**
 * What a query needs from an index, decoded once per index object and kept (a long-lived process
 * searches the same index per keystroke): the term list, each term's character mask, and each
 * term's postings as `[doc, fieldMask, doc, fieldMask, …]`, decoded on first use.
 */
interface Prepared {
  terms: string[];
  masks: Int32Array;
  lines: string[] | null;
  postings: (Int32Array | undefined)[];
}

const preparedIndexes = new WeakMap<CompactIndex, Prepared>();

function prepare(index: CompactIndex): Prepared {
  let p = preparedIndexes.get(index);
  if (!p) {
    const terms = index.terms.split('\n');
    const masks = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) masks[i] = charMask(terms[i]!);
    p = { terms, masks, lines: null, postings: [] };
    preparedIndexes.set(index, p);
  }
  return p;
}

function postingsOf(index: CompactIndex, p: Prepared, ti: number): Int32Array {
  let list = p.postings[ti];
  if (!list) {
    p.lines ??= index.postings.split('\n');
    const entries = p.lines[ti]!.split(' '); // one postings line per term, in the same order
    list = new Int32Array(entries.length * 2);
    entries.forEach((e, i) => {
      const dot = e.indexOf('.');
      list![2 * i] = parseInt(e.slice(0, dot), 36);
      list![2 * i + 1] = parseInt(e.slice(dot + 1), 36);
    });
    p.postings[ti] = list;
  }
  return list;
}

/**
 * Ranked ids for `query`: every query term matches index terms exactly (weight 1), as a prefix
 * (0.375 scaled by length ratio, as minisearch) or within `fuzzy`·length edits (0.45 scaled).
 * A document's score sums idf × field boosts over matched terms, times the number of distinct
 * query terms it matched (OR semantics that prefer documents matching more of the query).
 */
export function searchCompact(index: CompactIndex, query: string, boosts: number[], fuzzy = 0.25): CompactHit[] {
  // At most 32 distinct terms: which ones a document matched is a bit mask.
  const qterms = [...new Set(tokenize(query).filter(Boolean).map(norm))].slice(0, 32);
  if (qterms.length === 0) return [];
  const p = prepare(index);
  const { terms, masks } = p;
  const n = index.ids.length;
  const scores = new Float64Array(n);
  const matched = new Uint32Array(n);
  const touched: number[] = [];
  qterms.forEach((q, qi) => {
    const maxEdits = Math.floor(q.length * fuzzy);
    const qMask = charMask(q);
    // Index loops (not for…of) in this hot path; ti < terms.length and f < boosts.length bound the `!`s below.
    for (let ti = 0; ti < terms.length; ti++) {
      const t = terms[ti]!;
      let weight = 0;
      if (t === q) weight = 1;
      else if (t.startsWith(q)) weight = 0.375 * (q.length / t.length);
      else if (maxEdits > 0 && Math.abs(t.length - q.length) <= maxEdits && popcount(masks[ti]! ^ qMask) <= 2 * maxEdits) {
        const d = distance(q, t);
        if (d <= maxEdits) weight = (0.45 * t.length) / (t.length + d);
      }
      if (weight === 0) continue;
      const list = postingsOf(index, p, ti);
      const count = list.length / 2;
      const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        const mask = list[i + 1]!;
        let fieldBoost = 0;
        for (let f = 0; f < boosts.length; f++) if (mask & (1 << f)) fieldBoost += boosts[f]!;
        if (matched[doc] === 0) touched.push(doc);
        scores[doc] = scores[doc]! + weight * idf * fieldBoost;
        matched[doc] = matched[doc]! | (1 << qi);
      }
    }
  });
  return touched
    .flatMap((doc) => {
      const id = index.ids[doc];
      return id === undefined ? [] : [{ id, score: scores[doc]! * popcount(matched[doc]!) }];
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
