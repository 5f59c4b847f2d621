/** Writing a bundle: the packs' files plus ggen-bundle.json, as .tar.gz or .zip, atomically. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listPackFiles, packIntegrity } from '../registry/integrity';
import { packFolderName } from '../registry/paths';
import semver from 'semver';
import type { LoadedPack, PackRecord, PackStore, SourceFilter } from '../registry/types';
import { resolveGraph } from '../resolve';
import { ENGINE_VERSION } from '../version';
import { BUNDLE_FILE, BUNDLE_VERSION, ENTRY_TIME, formatOf, type BundleEntry, type BundleFormat, type BundleManifest } from './bundle';
import type { Zippable } from './codecs';

// tar and fflate load on the first bundle, not with engine/index.ts (see codecs.ts).
const codecs = () => require('./codecs') as typeof import('./codecs');

/** The entries of a bundle of `packs` (dependencies first), manifest included, sorted by path. */
export function bundleEntries(packs: LoadedPack[]): { entries: BundleEntry[]; manifest: BundleManifest } {
  const entries: BundleEntry[] = [];
  const manifest: BundleManifest = { bundle_version: BUNDLE_VERSION, created_by: `ggen-pack ${ENGINE_VERSION}`, packs: [], files: {} };
  for (const p of packs) {
    const dir = `packs/${packFolderName(p.name, p.version)}`;
    manifest.packs.push({ name: p.name, version: p.version, dir, integrity: packIntegrity(p.dir, { excludes: p.manifest.excludes }) });
    for (const f of listPackFiles(p.dir, { excludes: p.manifest.excludes })) {
      const data = readFileSync(f.abs);
      const path = `${dir}/${f.path}`;
      entries.push({ path, data, mode: statSync(f.abs).mode & 0o777 });
      manifest.files[path] = createHash('sha256').update(data).digest('hex');
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : 1));
  entries.unshift({ path: BUNDLE_FILE, data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), mode: 0o644 });
  return { entries, manifest };
}

/**
 * What `export` puts in a bundle: `root` alone, or with `includeDependencies` its whole closure
 * (dependencies first, root last) resolved by the resolver from the local registry and the bundled
 * catalog only, so the bundle never depends on what a remote registry serves at export time.
 * Throws ResolutionError like `generate` when a dependency is missing.
 */
export function packsToBundle(store: PackStore, root: LoadedPack, includeDependencies: boolean): LoadedPack[] {
  if (!includeDependencies) return [root];
  return resolveGraph(localAndBundled(store), root).packs;
}

/** `store` seen through its local registry and bundled catalog only. */
function localAndBundled(store: PackStore): PackStore {
  const here = (r: PackRecord) => r.source === 'local' || r.source === 'bundled';
  const narrow = (source: SourceFilter = 'all'): SourceFilter | null => (source === 'all' ? 'all' : source === 'remote' ? null : source);
  return {
    home: store.home,
    summaries: (source) => {
      const s = narrow(source);
      return s ? store.summaries(s) : [];
    },
    versions: (name, source) => {
      const s = narrow(source);
      return s ? store.versions(name, s).filter(here) : [];
    },
    find: (name, range, source) => {
      const s = narrow(source);
      if (!s) return null;
      const hit = store.find(name, range, s);
      if (!hit || here(hit)) return hit;
      // The best match is remote: take the best local / bundled one instead.
      const range0 = range ?? '*';
      return (
        store
          .versions(name, s)
          .filter(here)
          .find((r) => semver.satisfies(r.version, range0, { includePrerelease: range0.includes('-') })) ?? null
      );
    },
    load: (record) => store.load(record),
  };
}

/** Write `entries` to `file` as `format` (default: by the file's extension, .zip or .tar.gz) through a temp file renamed into place. */
export function writeBundle(file: string, entries: BundleEntry[], format: BundleFormat = formatOf(file)): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (format === 'zip') {
      const tree: Zippable = {};
      for (const e of entries) tree[e.path] = [new Uint8Array(e.data), { mtime: ENTRY_TIME, os: 3, attrs: (0o100000 | e.mode) << 16 }];
      writeFileSync(tmp, codecs().zipSync(tree, { level: 9 }));
    } else {
      // tar packs files from disk: lay the entries out in a scratch folder first.
      const scratch = mkdtempSync(join(dirname(file), '.ggen-export-'));
      try {
        for (const e of entries) {
          mkdirSync(dirname(join(scratch, e.path)), { recursive: true });
          writeFileSync(join(scratch, e.path), e.data, { mode: e.mode });
        }
        codecs().createTar(
          { gzip: { level: 9 }, file: tmp, cwd: scratch, sync: true, portable: true, mtime: ENTRY_TIME, noDirRecurse: true },
          entries.map((e) => e.path),
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
