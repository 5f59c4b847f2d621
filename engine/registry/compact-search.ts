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
 * Ranked ids for `query`: every query term matches index terms exactly (weight 1), as a prefix
 * (0.375 scaled by length ratio, as minisearch) or within `fuzzy`·length edits (0.45 scaled).
 * A document's score sums idf × field boosts over matched terms, times the number of distinct
 * query terms it matched (OR semantics that prefer documents matching more of the query).
 */
export function searchCompact(index: CompactIndex, query: string, boosts: number[], fuzzy = 0.25): CompactHit[] {
  const qterms = [...new Set(tokenize(query).filter(Boolean).map(norm))];
  if (qterms.length === 0) return [];
  const terms = index.terms.split('\n');
  let postingLines: string[] | null = null;
  const n = index.ids.length;
  const scores = new Map<number, { score: number; matched: Set<number> }>();
  qterms.forEach((q, qi) => {
    const maxEdits = Math.floor(q.length * fuzzy);
    const qMask = charMask(q);
    // Index loops (not for…of) in this hot path; ti < terms.length and f < boosts.length bound the `!`s below.
    for (let ti = 0; ti < terms.length; ti++) {
      const t = terms[ti]!;
      let weight = 0;
      if (t === q) weight = 1;
      else if (t.startsWith(q)) weight = 0.375 * (q.length / t.length);
      else if (maxEdits > 0 && Math.abs(t.length - q.length) <= maxEdits && popcount(charMask(t) ^ qMask) <= 2 * maxEdits) {
        const d = distance(q, t);
        if (d <= maxEdits) weight = (0.45 * t.length) / (t.length + d);
      }
      if (weight === 0) continue;
      postingLines ??= index.postings.split('\n');
      const entries = postingLines[ti]!.split(' '); // one postings line per term, in the same order
      const idf = Math.log(1 + (n - entries.length + 0.5) / (entries.length + 0.5));
      for (const e of entries) {
        const dot = e.indexOf('.');
        const doc = parseInt(e.slice(0, dot), 36);
        const mask = parseInt(e.slice(dot + 1), 36);
        let fieldBoost = 0;
        for (let f = 0; f < boosts.length; f++) if (mask & (1 << f)) fieldBoost += boosts[f]!;
        let s = scores.get(doc);
        if (!s) scores.set(doc, (s = { score: 0, matched: new Set() }));
        s.score += weight * idf * fieldBoost;
        s.matched.add(qi);
      }
    }
  });
  return [...scores]
    .flatMap(([doc, s]) => {
      const id = index.ids[doc];
      return id === undefined ? [] : [{ id, score: s.score * s.matched.size }];
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
