/**
 * `ggen-pack import <file>`: verify a bundle completely (every file's SHA-256 against the bundle
 * manifest, nothing missing, nothing extra, each pack's integrity after extraction), then install its
 * packs, dependencies first. A mismatch is fatal and leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineConfig } from '../config';
import { ValidationError } from '../errors';
import { packIntegrity } from '../registry/integrity';
import { installPack, type InstallStep } from '../registry/install';
import { loadManifest } from '../manifest/load';
import type { PackStore } from '../registry/types';
import { BUNDLE_FILE, BUNDLE_VERSION, type BundleManifest } from './bundle';
import { readBundle } from './read-bundle';

const mismatch = (file: string, what: string) =>
  new ValidationError(`${file}: checksum mismatch — ${what}`, {
    hint: 'The bundle is damaged or was changed after export; nothing was installed.',
  });

/** Check `file` and install its packs into `store`; returns the install steps. */
export async function importBundle(
  store: PackStore,
  file: string,
  opts: { force?: boolean; log?: (m: string) => void } = {},
): Promise<{ manifest: BundleManifest; steps: InstallStep[] }> {
  const entries = readBundle(file);
  const manifestEntry = entries.find((e) => e.path === BUNDLE_FILE);
  if (!manifestEntry)
    throw new ValidationError(`${file} has no ${BUNDLE_FILE}; it is not a ggen-pack bundle`, {
      hint: 'Create bundles with `ggen-pack export`.',
    });
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as BundleManifest;
  } catch (err) {
    throw new ValidationError(`${file}: ${BUNDLE_FILE} does not parse (${(err as Error).message})`);
  }
  if (manifest.bundle_version !== BUNDLE_VERSION || !Array.isArray(manifest.packs) || typeof manifest.files !== 'object') {
    throw new ValidationError(`${file}: unsupported bundle (bundle_version ${String(manifest.bundle_version)})`, {
      hint: `This ggen-pack reads bundle_version ${BUNDLE_VERSION}.`,
    });
  }
  const listed = new Map(Object.entries(manifest.files));
  for (const e of entries) {
    if (e === manifestEntry) continue;
    const want = listed.get(e.path);
    if (!want) throw mismatch(file, `${e.path} is not listed in ${BUNDLE_FILE}`);
    if (createHash('sha256').update(e.data).digest('hex') !== want) throw mismatch(file, `${e.path} differs from its recorded SHA-256`);
    listed.delete(e.path);
  }
  if (listed.size) throw mismatch(file, `${[...listed.keys()].slice(0, 3).join(', ')} listed but missing`);

  const scratch = mkdtempSync(join(engineConfig().tmpDir, 'ggen-import-'));
  try {
    for (const e of entries) {
      const target = join(scratch, e.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, e.data, { mode: e.mode || 0o644 });
    }
    const steps: InstallStep[] = [];
    for (const p of manifest.packs) {
      const dir = join(scratch, p.dir);
      const loaded = loadManifest(dir).manifest;
      const actual = packIntegrity(dir, { excludes: loaded?.excludes ?? [] });
      if (actual !== p.integrity) throw mismatch(file, `${p.name}@${p.version} integrity ${actual} ≠ recorded ${p.integrity}`);
      if (!loaded || loaded.metadata.name !== p.name || loaded.metadata.version !== p.version) {
        throw mismatch(file, `${p.dir} does not hold ${p.name}@${p.version}`);
      }
    }
    for (const [i, p] of manifest.packs.entries()) {
      const isRoot = i === manifest.packs.length - 1;
      const r = await installPack(store, join(scratch, p.dir), undefined, {
        force: isRoot && opts.force,
        noDependencies: true,
        from: `bundle:${file}`,
        asDependency: !isRoot,
        log: opts.log,
      });
      steps.push(...r.steps);
    }
    return { manifest, steps };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
