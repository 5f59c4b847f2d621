/** "Did you mean …?" for pack names that are not found: closest names by edit distance, then substrings. */
import { distance } from 'fastest-levenshtein';
import type { PackStore } from './types';

/** Up to `max` known pack names close to `name`. */
export function suggestNames(store: PackStore, name: string, max = 3): string[] {
  const want = name.toLowerCase();
  const names = [...new Set(store.summaries('all').map((s) => s.name))];
  const scored = names
    .map((n) => {
      const d = distance(want, n.toLowerCase());
      const bare = n.replace(/^@[^/]+\//, '').toLowerCase();
      const close = d <= Math.max(2, Math.floor(want.length / 3)) || bare.includes(want) || want.includes(bare.replace(/-pack$/, ''));
      return { n, d, close };
    })
    .filter((x) => x.close)
    .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1));
  return scored.slice(0, max).map((x) => x.n);
}

/** The hint text of a NotFoundError for `name`. */
export function notFoundHint(store: PackStore, name: string): string {
  const s = suggestNames(store, name);
  return s.length
    ? `Did you mean ${s.map((x) => `"${x}"`).join(' or ')}? Run \`ggen-pack search ${name}\` to look further.`
    : `Run \`ggen-pack search ${name}\` or \`ggen-pack list\` to see the available packs.`;
}
