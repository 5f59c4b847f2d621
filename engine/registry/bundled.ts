/**
 * The bundled starter catalog: read-only packs shipped in examples/packs/<dir>/, found by walking
 * up from the code's own folder (dist/cli.js → ../examples/packs; engine/registry/*.ts →
 * ../../examples/packs). The engine config's `bundledDir` (`GGEN_BUNDLED_DIR`) overrides it.
 *
 * list/search only need each pack's summary, and parsing every manifest cold costs more than the
 * rest of `ggen-pack list` together, so the summaries are cached in `$GGEN_HOME/cache/`, keyed on
 * the path, size and mtime of every manifest: a changed, added or removed pack rebuilds the cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineConfig } from '../config';
import { findManifestFile, loadManifest } from '../manifest/load';
import type { PackSummary } from '../../protocol';

let located: string | null | undefined;

/** The bundled catalog folder, or null when the package ships none. */
export function findBundledDir(): string | null {
  const configured = engineConfig().bundledDir;
  if (configured) return configured;
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

/** What list/search/resolution need of a bundled pack, without its full manifest. */
export interface BundledEntry {
  name: string;
  version: string;
  /** Absolute pack root. */
  dir: string;
  summary: Omit<PackSummary, 'name' | 'version' | 'source' | 'installed'>;
  templates: string[];
}

/** Manifest files of the catalog with their size and mtime: the cache key. */
function manifestStamps(dir: string): [string, number, number][] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const stamps: [string, number, number][] = [];
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const found = findManifestFile(join(dir, n));
    if (!found) continue;
    const st = statSync(found.file);
    stamps.push([found.file, st.size, st.mtimeMs]);
  }
  return stamps;
}

function parseEntries(stamps: [string, number, number][]): BundledEntry[] {
  const out: BundledEntry[] = [];
  for (const [file] of stamps) {
    const m = loadManifest(dirname(file)).manifest;
    if (!m || !m.metadata.name || !m.metadata.version) continue; // not a usable pack: validate reports it
    const md = m.metadata;
    out.push({
      name: md.name,
      version: md.version,
      dir: dirname(file),
      summary: { title: md.title ?? null, description: md.description, category: md.category, tags: md.tags },
      templates: m.templates.map((t) => t.alias),
    });
  }
  return out;
}

/** Every usable pack of the catalog at `dir`, from the summary cache under `cacheDir` when it is current. */
export function bundledEntries(dir: string | null, cacheDir: string | null): BundledEntry[] {
  if (!dir) return [];
  const stamps = manifestStamps(dir);
  const key = createHash('sha1').update(JSON.stringify(stamps)).digest('hex');
  const file = cacheDir ? join(cacheDir, `bundled-${createHash('sha1').update(dir).digest('hex').slice(0, 12)}.json`) : null;
  if (file) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; entries: BundledEntry[] };
      if (saved.key === key) return saved.entries;
    } catch {
      /* missing or unreadable: rebuild */
    }
  }
  const entries = parseEntries(stamps);
  if (file) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ key, entries }));
      renameSync(tmp, file);
    } catch {
      // A read-only or full home only costs speed (and keeps no partial temp file).
      rmSync(tmp, { force: true });
    }
  }
  return entries;
}
