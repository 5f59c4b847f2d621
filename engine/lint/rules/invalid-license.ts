/** packs/invalid-license: `metadata.license` must be an SPDX id or expression (`MIT`, `MIT OR Apache-2.0`). */
import { closest } from 'fastest-levenshtein';
import { isCloseMatch } from '../../manifest/schema-check';
import spdxIds from 'spdx-license-ids/index.json';
import type { LintRule } from '../types';

let known: Map<string, string> | null = null;
const ids = () => (known ??= new Map(spdxIds.map((id) => [id.toLowerCase(), id])));

/** The ids of an SPDX expression that are not SPDX licence ids (exceptions after WITH are not checked). */
export function unknownLicenseIds(expr: string): string[] {
  const tokens = expr.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  const bad: string[] = [];
  let exception = false; // the token after WITH is an exception id, not a licence
  for (const t of tokens) {
    if (exception) {
      exception = false;
      continue;
    }
    if (/^(AND|OR)$/i.test(t)) continue;
    if (/^WITH$/i.test(t)) {
      exception = true;
      continue;
    }
    if (/^(LicenseRef|DocumentRef)-/.test(t) || t === 'UNLICENSED') continue;
    if (!ids().has(t.replace(/\+$/, '').toLowerCase())) bad.push(t);
  }
  return tokens.length === 0 ? [expr] : bad;
}

/** A licence id the typo probably meant: same letters in another order, else a close edit. */
function suggestion(bad: string): string {
  const lower = bad.toLowerCase();
  const sorted = (s: string) => [...s].sort().join('');
  const anagram = [...ids().keys()].find((k) => sorted(k) === sorted(lower));
  const guess = anagram ?? closest(lower, [...ids().keys()]);
  return anagram || isCloseMatch(lower, guess) ? `; did you mean \`${ids().get(guess)}\`?` : '';
}

export const rule: LintRule = {
  meta: {
    id: 'invalid-license',
    severity: 'error',
    category: 'metadata',
    description: 'metadata.license is not an SPDX licence id or expression',
    fixable: false,
  },
  check(ctx) {
    const lic = (ctx.raw.metadata as Record<string, unknown> | undefined)?.license;
    if (typeof lic !== 'string') return [];
    const bad = unknownLicenseIds(lic);
    if (bad.length === 0) return [];
    const hint = suggestion(bad[0] ?? '');
    return [
      ctx.issue(
        this.meta,
        `${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length > 1 ? 'are not SPDX licence ids' : 'is not an SPDX licence id'}${hint} (see https://spdx.org/licenses/)`,
        ['metadata', 'license'],
      ),
    ];
  },
};
