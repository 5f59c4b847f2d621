/** packs/invalid-license: `metadata.license` must be an SPDX id or expression (`MIT`, `MIT OR Apache-2.0`). */
import { closest } from 'fastest-levenshtein';
import spdxIds from 'spdx-license-ids/index.json';
import type { LintRule } from '../types';

let known: Map<string, string> | null = null;
const ids = () => (known ??= new Map((spdxIds as string[]).map((id) => [id.toLowerCase(), id])));

/** The ids of an SPDX expression that are not SPDX licence ids (exceptions after WITH are not checked). */
export function unknownLicenseIds(expr: string): string[] {
  const tokens = expr.replace(/[()]/g, ' ').split(/\s+/).filter(Boolean);
  const bad: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (/^(AND|OR)$/i.test(t)) continue;
    if (/^WITH$/i.test(t)) {
      i++;
      continue;
    }
    if (/^(LicenseRef|DocumentRef)-/.test(t) || t === 'UNLICENSED') continue;
    if (!ids().has(t.replace(/\+$/, '').toLowerCase())) bad.push(t);
  }
  return tokens.length === 0 ? [expr] : bad;
}

export const rule: LintRule = {
  meta: { id: 'invalid-license', severity: 'error', category: 'metadata', description: 'metadata.license is not an SPDX licence id or expression', fixable: false },
  check(ctx) {
    const lic = (ctx.raw.metadata as Record<string, unknown> | undefined)?.license;
    if (typeof lic !== 'string') return [];
    const bad = unknownLicenseIds(lic);
    if (bad.length === 0) return [];
    const guess = bad[0] ? closest(bad[0].toLowerCase(), [...ids().keys()]) : undefined;
    const hint = guess ? `; did you mean \`${ids().get(guess)}\`?` : '';
    return [ctx.issue(this.meta, `${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length > 1 ? 'are not SPDX licence ids' : 'is not an SPDX licence id'}${hint} (see https://spdx.org/licenses/)`, ['metadata', 'license'])];
  },
};
