/**
 * Remote registries are listed in `$GGEN_HOME/config.toml` under `[registries]` (SPEC §10). This
 * version does not talk to them yet: it reads the list only to say so, never fakes a network call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import type { SourceFilter } from './types';

/** name → URL of the configured registries (empty when none or unreadable). */
export function configuredRegistries(home: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(home, 'config.toml'), 'utf8');
  } catch {
    return {};
  }
  try {
    const regs = (parse(text) as { registries?: unknown }).registries;
    if (!regs || typeof regs !== 'object') return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(regs)) {
      const url =
        typeof v === 'string'
          ? v
          : typeof v === 'object' && v && typeof (v as { url?: unknown }).url === 'string'
            ? (v as { url: string }).url
            : null;
      if (url) out[k] = url;
    }
    return out;
  } catch {
    return {};
  }
}

/** What to tell the user when `--source remote` (or all) is asked for. Null when nothing to say. */
export function remoteNote(home: string, source: SourceFilter): string | null {
  if (source !== 'remote') return null;
  const regs = Object.keys(configuredRegistries(home));
  return regs.length === 0
    ? 'No remote registry is configured (add [registries] to $GGEN_HOME/config.toml); remote packs are not listed.'
    : `Remote registries (${regs.join(', ')}) are configured, but this version of Packs does not query remote registries yet.`;
}
