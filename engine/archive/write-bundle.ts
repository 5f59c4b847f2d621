/** Writing a bundle: the packs' files plus ggen-bundle.json, as .tar.gz or .zip, atomically. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listPackFiles, packIntegrity } from '../registry/integrity';
import { packFolderName } from '../registry/paths';
import type { LoadedPack } from '../registry/types';
import { ENGINE_VERSION } from '../version';
import { BUNDLE_FILE, BUNDLE_VERSION, ENTRY_TIME, formatOf, type BundleEntry, type BundleManifest } from './bundle';
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

/** Write `entries` to `file` (.zip or .tar.gz by extension) through a temp file renamed into place. */
export function writeBundle(file: string, entries: BundleEntry[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (formatOf(file) === 'zip') {
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
