/**
 * The bundled starter catalog: read-only packs shipped in examples/packs/<dir>/, found by walking
 * up from the code's own folder (dist/cli.js → ../examples/packs; engine/registry/*.ts →
 * ../../examples/packs). `GGEN_BUNDLED_DIR` overrides it (tests). The catalog is a handful of
 * packs, so manifests are parsed on demand (measured: well under 10 ms) — no cache to go stale.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadManifest } from '../manifest/load';
import type { LoadedPack } from './types';

let located: string | null | undefined;

/** The bundled catalog folder, or null when the package ships none. */
export function findBundledDir(): string | null {
  if (process.env.GGEN_BUNDLED_DIR) return resolve(process.env.GGEN_BUNDLED_DIR);
  if (located !== undefined) return located;
  let dir = __dirname;
  located = null;
  for (;;) {
    const candidate = join(dir, 'examples', 'packs');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) {
      located = candidate;
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return located;
}

/** Every valid pack of the catalog at `dir` (folders without a parsable manifest are skipped). */
export function loadBundled(dir: string | null): LoadedPack[] {
  if (!dir) return [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: LoadedPack[] = [];
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const packDir = join(dir, n);
    try {
      if (!statSync(packDir).isDirectory()) continue;
      const loaded = loadManifest(packDir);
      const m = loaded.manifest;
      if (!m || !m.metadata.name || !m.metadata.version) continue;
      out.push({ name: m.metadata.name, version: m.metadata.version, source: 'bundled', dir: packDir, installed: false, manifest: m });
    } catch {
      /* no manifest: not a pack */
    }
  }
  return out;
}
