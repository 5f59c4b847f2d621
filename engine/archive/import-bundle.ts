/**
 * `ggen-pack import <file>`: verify a bundle completely (every file's SHA-256 against the bundle
 * manifest, nothing missing, nothing extra, each pack's folder and manifest, each pack's integrity
 * after extraction), then install all its packs in ONE registry transaction
 * (engine/registry/install.ts `installPacks`). A mismatch, or a failed write at any point, leaves
 * nothing behind.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineConfig } from '../config';
import { GenerationError, PackError, PermissionError, ValidationError } from '../errors';
import { describeErrno, errnoHint, isPermissionErrno, type ErrnoLike } from '../fs/errno';
import { packIntegrity } from '../registry/integrity';
import { installPacks, type InstallOptions, type InstallStep } from '../registry/install';
import { loadManifest, MANIFEST_FILES } from '../manifest/load';
import type { PackStore } from '../registry/types';
import { isValidPackName, packFolderName } from '../registry/paths';
import { resolveRequirements } from '../resolve';
import type { LoadedPack } from '../registry/types';
import { BUNDLE_FILE, BUNDLE_VERSION, type BundleEntry, type BundleFormat, type BundleManifest } from './bundle';
import { readBundle } from './read-bundle';

const tampered = 'This bundle was not made by ggen-pack export, or was tampered with; nothing was installed.';

const mismatch = (file: string, what: string) =>
  new ValidationError(`${file}: checksum mismatch — ${what}`, {
    hint: 'The bundle is damaged or was changed after export; nothing was installed.',
  });

/** What `importBundle` / `installBundle` accept: `importBundle`'s options plus the extras of `install --source <bundle>`. */
export interface ImportOptions {
  force?: boolean | undefined;
  log?: ((m: string) => void) | undefined;
  beforeMove?: InstallOptions['beforeMove'];
  /** Plan only: verify everything, install nothing (`install --source <bundle> --dry-run`). */
  dryRun?: boolean | undefined;
  /** `--archive-format`: read the file as this format whatever its name (default: by its name). */
  format?: BundleFormat | undefined;
  /** Install only the bundle's last (exported) pack, not the dependencies it carries. */
  rootOnly?: boolean | undefined;
  /**
   * A bundle of the exported pack alone (`export` without `--include-dependencies`): install its
   * dependencies from the configured sources, as `install` does (`install --source <bundle>`).
   */
  dependenciesFromSources?: boolean | undefined;
}

/** What an import verified: every pack's sha512 integrity and every file's SHA-256. */
export interface ImportVerification {
  packs: number;
  files: number;
  integrity: 'sha512';
  checksums: 'sha256';
}

/** Check `file` and install its packs into `store`; returns the install steps. */
export async function importBundle(
  store: PackStore,
  file: string,
  opts: ImportOptions = {},
): Promise<{ manifest: BundleManifest; steps: InstallStep[]; verified: ImportVerification }> {
  const entries = readBundle(file, { format: opts.format });
  return installBundle(store, file, entries, verifyBundle(file, entries), opts);
}

/** True when the entries (already read by `readBundle`) are a ggen-pack bundle rather than a plain pack archive. */
export const isBundle = (entries: readonly BundleEntry[]): boolean => entries.some((e) => e.path === BUNDLE_FILE);

/**
 * The bundle manifest of `entries`, checked against them: every file's SHA-256, nothing missing,
 * nothing extra, each pack folder a plain relative path with a listed manifest. Throws
 * ValidationError / PermissionError; nothing is written.
 */
export function verifyBundle(file: string, entries: readonly BundleEntry[]): BundleManifest {
  const manifestEntry = entries.find((e) => e.path === BUNDLE_FILE);
  if (!manifestEntry)
    throw new ValidationError(`${file} has no ${BUNDLE_FILE}; it is not a ggen-pack bundle`, {
      hint: 'Create bundles with `ggen-pack export`, or install a plain pack archive with `ggen-pack install --source <file>`.',
    });
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as BundleManifest;
  } catch (err) {
    throw new ValidationError(`${file}: ${BUNDLE_FILE} does not parse (${(err as Error).message})`);
  }
  if (
    manifest?.bundle_version !== BUNDLE_VERSION ||
    !Array.isArray(manifest.packs) ||
    typeof manifest.files !== 'object' ||
    manifest.files === null
  ) {
    throw new ValidationError(`${file}: unsupported bundle (bundle_version ${String(manifest?.bundle_version)})`, {
      hint: `This ggen-pack reads bundle_version ${BUNDLE_VERSION}.`,
    });
  }
  if (manifest.packs.length === 0) throw new ValidationError(`${file} holds no packs`, { hint: 'Create bundles with `ggen-pack export`.' });
  const listed = new Map(Object.entries(manifest.files));
  const seen = new Set<string>();
  for (const e of entries) {
    // A second copy of a path (tar allows it) would replace the checked one when unpacked.
    if (seen.has(e.path)) throw mismatch(file, `the archive holds ${e.path} more than once`);
    seen.add(e.path);
    if (e === manifestEntry) continue;
    const want = listed.get(e.path);
    if (!want) throw mismatch(file, `${e.path} is not listed in ${BUNDLE_FILE}`);
    if (createHash('sha256').update(e.data).digest('hex') !== want) throw mismatch(file, `${e.path} differs from its recorded SHA-256`);
    listed.delete(e.path);
  }
  if (listed.size) throw mismatch(file, `${[...listed.keys()].slice(0, 3).join(', ')} listed but missing`);
  checkPackDirs(file, manifest);
  checkPackMetadata(file, manifest);
  return manifest;
}

/**
 * Unpack `entries` into a new scratch folder under $TMPDIR (`strip`: a leading folder to drop from
 * every path) and run `use` on it; the folder is removed afterwards, whatever happens.
 */
export async function withUnpacked<T>(
  file: string,
  entries: readonly BundleEntry[],
  strip: string,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  let scratch = engineConfig().tmpDir;
  try {
    scratch = mkdtempSync(join(scratch, 'ggen-import-'));
    for (const e of entries) {
      const target = join(scratch, e.path.slice(strip.length));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, e.data, { mode: e.mode || 0o644 });
    }
  } catch (err) {
    if (scratch !== engineConfig().tmpDir) rmSync(scratch, { recursive: true, force: true });
    throw scratchError(file, scratch, err);
  }
  try {
    return await use(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Install the packs of a verified bundle (`verifyBundle`) in one registry transaction, after checking each pack's integrity. */
export function installBundle(
  store: PackStore,
  file: string,
  entries: readonly BundleEntry[],
  manifest: BundleManifest,
  opts: ImportOptions = {},
): Promise<{ manifest: BundleManifest; steps: InstallStep[]; verified: ImportVerification }> {
  return withUnpacked(file, entries, '', async (scratch) => {
    const steps: InstallStep[] = [];
    const packs: LoadedPack[] = [];
    for (const p of manifest.packs) {
      const dir = join(scratch, p.dir);
      const loaded = loadManifest(dir).manifest;
      const actual = packIntegrity(dir, { excludes: loaded?.excludes ?? [] });
      if (actual !== p.integrity) throw mismatch(file, `${p.name}@${p.version} integrity ${actual} ≠ recorded ${p.integrity}`);
      if (!loaded || loaded.metadata.name !== p.name || loaded.metadata.version !== p.version) {
        throw mismatch(file, `${p.dir} does not hold ${p.name}@${p.version}`);
      }
      packs.push({ name: p.name, version: p.version, source: 'path', dir, installed: false, manifest: loaded });
    }
    const root = packs.at(-1)!;
    const ordered = opts.rootOnly ? [root] : installOrder(store, file, packs);
    const results = await installPacks(
      store,
      ordered.map((p) => {
        const isRoot = p === root;
        return {
          name: p.dir,
          force: isRoot && opts.force,
          noDependencies: !(opts.dependenciesFromSources && packs.length === 1),
          from: `bundle:${file}`,
          asDependency: !isRoot,
        };
      }),
      { log: opts.log, action: `Importing ${file}`, nothing: 'nothing was imported', beforeMove: opts.beforeMove, dryRun: opts.dryRun },
    );
    for (const r of results) steps.push(...r.steps);
    const verified: ImportVerification = {
      packs: manifest.packs.length,
      files: Object.keys(manifest.files).length,
      integrity: 'sha512',
      checksums: 'sha256',
    };
    return { manifest, steps, verified };
  });
}

/**
 * Each pack's folder must be a plain relative path inside the bundle (no `..`, not absolute, not
 * the bundle root) and hold a manifest that the bundle manifest lists.
 */
function checkPackDirs(file: string, manifest: BundleManifest): void {
  for (const p of manifest.packs) {
    const dir = typeof p?.dir === 'string' ? p.dir.replace(/\/+$/, '') : '';
    if (
      !dir ||
      dir.includes('\\') ||
      dir.includes('\0') ||
      /^([a-zA-Z]:|\/)/.test(dir) ||
      dir.split('/').some((s) => s === '' || s === '.' || s === '..')
    ) {
      throw new PermissionError(`${file}: the pack folder "${String(p?.dir)}" of ${String(p?.name)} points outside the bundle`, {
        hint: tampered,
      });
    }
    if (!MANIFEST_FILES.some((m) => Object.hasOwn(manifest.files, `${dir}/${m}`))) {
      throw new ValidationError(
        `${file}: the pack ${String(p.name)}@${String(p.version)} has no manifest listed in ${BUNDLE_FILE} (${dir}/pack.toml)`,
        {
          hint: 'The bundle is incomplete or was changed after export; nothing was installed.',
        },
      );
    }
  }
}

/**
 * What the bundle manifest says about each pack must be what ggen-pack export writes, so no field
 * can steer a read or a write anywhere else: a storable name (no path separators, no `..`), a
 * semver version, the folder `packs/<name>@<version>` exactly as the registry names it, a sha512
 * integrity, each pack and folder once, and every file inside the folder of a listed pack.
 * Throws PermissionError (exit 6) naming the entry; nothing is written.
 */
function checkPackMetadata(file: string, manifest: BundleManifest): void {
  const refuse = (what: string) => new PermissionError(`${file}: ${BUNDLE_FILE} ${what}`, { hint: tampered });
  const names = new Set<string>();
  const dirs = new Set<string>();
  for (const [i, p] of manifest.packs.entries()) {
    const entry = `packs[${i}]`;
    const name: unknown = p.name;
    const version: unknown = p.version;
    if (typeof name !== 'string' || !isValidPackName(name))
      throw refuse(
        `${entry}: the pack name ${JSON.stringify(name)} is not a pack name (kebab-case, optionally @scope/name, no path separators or "..")`,
      );
    if (typeof version !== 'string' || semver.valid(version) !== version)
      throw refuse(`${entry}: the version ${JSON.stringify(version)} of ${name} is not a semver version`);
    const want = `packs/${packFolderName(name, version)}`;
    if (p.dir !== want) throw refuse(`${entry}: ${name}@${version} says its folder is "${String(p.dir)}", not "${want}"`);
    if (typeof p.integrity !== 'string' || !/^sha512-[A-Za-z0-9+/]+=*$/.test(p.integrity))
      throw refuse(`${entry}: ${name}@${version} has no sha512 integrity (${JSON.stringify(p.integrity)})`);
    if (names.has(name)) throw refuse(`${entry}: ${name} is listed twice (a bundle holds one version of each pack)`);
    if (dirs.has(want.toLowerCase())) throw refuse(`${entry}: the folder ${want} is listed twice`);
    names.add(name);
    dirs.add(want.toLowerCase());
  }
  const folders = manifest.packs.map((p) => `${p.dir}/`);
  for (const path of Object.keys(manifest.files)) {
    if (!folders.some((f) => path.startsWith(f)))
      throw refuse(`lists "${path}", which is in no listed pack's folder (${folders.map((f) => f.slice(0, -1)).join(', ')})`);
  }
}

/**
 * The bundle's packs in install order: the closure of its exported (last) pack, dependencies first,
 * solved by the resolver with the bundle's own packs taking precedence over the sources; packs the
 * closure does not reach go before it. A dependency neither in the bundle nor in a source is a
 * ResolutionError before anything is written.
 */
function installOrder(store: PackStore, file: string, packs: LoadedPack[]): LoadedPack[] {
  const root = packs.at(-1)!;
  if (packs.length === 1) return packs;
  const closure = resolveRequirements(store, [{ name: root.name, range: root.version, requirer: file }], { fixed: packs }).packs;
  const inBundle = closure.flatMap((c) => packs.filter((p) => p.name === c.name && p.version === c.version));
  return [...packs.filter((p) => !inBundle.includes(p)), ...inBundle];
}

/** Unpacking into the scratch folder failed (a full or read-only temp folder): nothing was imported. */
function scratchError(file: string, scratch: string, err: unknown): PackError {
  if (err instanceof PackError) return err;
  const e = err as ErrnoLike;
  const message = `Importing ${file} failed while unpacking it into ${scratch}: ${describeErrno(e)}; nothing was imported.`;
  const opts = { hint: `${errnoHint(e, scratch)} (The temporary folder is $TMPDIR.)`, cause: err };
  return isPermissionErrno(e) ? new PermissionError(message, opts) : new GenerationError(message, opts);
}
