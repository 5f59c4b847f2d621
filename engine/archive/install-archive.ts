/**
 * `ggen-pack install --source <file>` (what ggen users type): install from an archive file instead of
 * a registry. Two kinds are accepted, both read by the safe reader (read-bundle.ts: files and folders
 * only, relative paths without `..`, size and entry caps) before anything is written:
 *
 * - a bundle made by `ggen-pack export` (it holds `ggen-bundle.json`): verified and installed as
 *   `ggen-pack import` does (import-bundle.ts) with the dependencies it carries; a bundle of the pack
 *   alone gets its dependencies from the configured sources, like any install;
 * - a plain `.tar.gz` / `.tgz` / `.zip` of one pack folder, with the manifest at its root or inside a
 *   single top folder (`npm pack` output has `package/`): unpacked into a scratch folder, then
 *   installed like a pack folder, dependencies from the configured sources.
 *
 * Either way it is one registry transaction: a failure leaves the index as it was and no scratch
 * folder behind. An `http(s)://` source goes through remote-install.ts `installFromUrl`, which downloads it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { ValidationError } from '../errors';
import { loadManifest, MANIFEST_FILES } from '../manifest/load';
import { LIMITS } from '../render/limits';
import { installPacks, type InstallOptions, type InstallResult } from '../registry/install';
import { splitNameRange } from '../registry/resolve-arg';
import { normalizeRange } from '../registry/store';
import type { PackStore } from '../registry/types';
import type { BundleEntry } from './bundle';
import { installBundle, isBundle, verifyBundle, withUnpacked, type ImportVerification } from './import-bundle';
import { readBundle } from './read-bundle';

export interface ArchiveInstallOptions {
  /** The `<pack>` argument given with `--source` (`name` or `name@range`): the archive must hold that pack. */
  name?: string | undefined;
  /** `--version`: the archive's pack must satisfy it. */
  range?: string | undefined;
  force?: boolean | undefined;
  /** Plain archive: do not resolve dependencies; bundle: install only its exported pack. */
  noDependencies?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Base of a relative file path (default process.cwd()). */
  cwd?: string | undefined;
  log?: ((message: string) => void) | undefined;
  /** Tests only (see InstallOptions). */
  beforeMove?: InstallOptions['beforeMove'];
}

export interface ArchiveInstallResult extends InstallResult {
  archive: {
    file: string;
    /** `bundle`: made by `ggen-pack export`; `pack`: a plain archive of one pack folder. */
    kind: 'bundle' | 'pack';
    /** What was checked (bundles only: every file's SHA-256 and every pack's sha512 integrity). */
    verified: ImportVerification | null;
  };
}

/** True when `source` names something to download rather than a file. */
export const isUrlSource = (source: string): boolean => /^https?:\/\//i.test(source);

/**
 * Install the pack(s) of the archive `source` (a path, a `file://` or an http(s) URL) into `store`. Throws
 * ValidationError (an http(s) URL: see installFromUrl), NotFoundError (no such file), PermissionError (an unsafe entry),
 * ValidationError (no pack in it, a name or version other than the one asked for, a damaged
 * bundle, an invalid pack), ResolutionError (dependencies), GenerationError (a failed write).
 */
export async function installFromArchive(
  store: PackStore,
  source: string,
  opts: ArchiveInstallOptions = {},
): Promise<ArchiveInstallResult> {
  if (isUrlSource(source)) {
    // Downloading lives in engine/registry/remote-install.ts (`installFromUrl`, which calls this with the
    // downloaded file); calling it from here would make an import cycle.
    throw new ValidationError(`installFromArchive takes a file; ${source} is a URL`, {
      hint: 'Call installFromUrl for http(s) sources (`ggen-pack install --source <url>` does).',
    });
  }
  const path = /^file:\/\//i.test(source) ? fileURLToPath(source) : source;
  const file = isAbsolute(path) ? path : resolve(opts.cwd ?? process.cwd(), path);
  const entries = readBundle(file, {
    what: 'archive',
    hint: 'Give the path of a bundle made by `ggen-pack export`, or of a .tar.gz / .tgz / .zip of one pack folder.',
  });
  if (isBundle(entries)) {
    const manifest = verifyBundle(file, entries);
    const root = manifest.packs.at(-1)!;
    expectPack(file, root.name, root.version, opts);
    const r = await installBundle(store, file, entries, manifest, {
      force: opts.force,
      log: opts.log,
      dryRun: opts.dryRun,
      rootOnly: opts.noDependencies,
      dependenciesFromSources: !opts.noDependencies,
      beforeMove: opts.beforeMove,
    });
    return {
      pack: { name: root.name, version: root.version },
      steps: r.steps,
      warnings: [],
      dryRun: Boolean(opts.dryRun),
      archive: { file, kind: 'bundle', verified: r.verified },
    };
  }
  const strip = packRoot(file, entries);
  const total = entries.reduce((n, e) => n + e.data.length, 0);
  if (total > LIMITS.packBytes) {
    throw new ValidationError(`${file} unpacks to ${(total / 1024 / 1024).toFixed(1)} MB; the pack limit is 100 MB`, {
      hint: 'Remove large files from the pack or add them to `excludes`; nothing was installed.',
    });
  }
  return withUnpacked(file, entries, strip, async (dir) => {
    const loaded = loadManifest(dir);
    if (!loaded.manifest) {
      throw new ValidationError(
        `${file}: the pack's ${loaded.file.slice(dir.length + 1) || 'manifest'} does not parse; nothing was installed`,
        {
          issues: loaded.issues.map((i) => ({ ...i, file: `${file}!${strip}${(i.file ?? '').slice(dir.length + 1)}` })),
          hint: 'Fix the manifest (`ggen-pack validate <folder>`) and pack it again.',
        },
      );
    }
    const { name, version } = loaded.manifest.metadata;
    expectPack(file, name, version, opts);
    const [result] = await installPacks(
      store,
      [{ name: dir, force: opts.force, noDependencies: opts.noDependencies, from: `archive:${file}` }],
      { log: opts.log, dryRun: opts.dryRun, action: `Installing ${name}@${version} from ${file}`, beforeMove: opts.beforeMove },
    );
    return { ...result!, archive: { file, kind: 'pack' as const, verified: null } };
  });
}

/**
 * The folder prefix of the pack inside a plain archive: '' when a manifest is at its root, `top/`
 * when every entry is inside one top folder holding the manifest (`npm pack`'s `package/`).
 */
function packRoot(file: string, entries: readonly BundleEntry[]): string {
  const isManifest = (p: string) => (MANIFEST_FILES as readonly string[]).includes(p);
  if (entries.some((e) => isManifest(e.path))) return '';
  const tops = new Set(entries.map((e) => e.path.split('/')[0]));
  const [top] = tops;
  if (
    tops.size === 1 &&
    top &&
    entries.every((e) => e.path.startsWith(`${top}/`)) &&
    entries.some((e) => isManifest(e.path.slice(top.length + 1)))
  ) {
    return `${top}/`;
  }
  throw new ValidationError(`${file} holds no pack: no pack.toml at its root or in a single top folder, and no ggen-bundle.json`, {
    hint: 'Give a bundle made by `ggen-pack export`, or a .tar.gz of one pack folder (e.g. `tar czf pack.tar.gz -C my-pack .`).',
  });
}

/** The `<pack>` argument and `--version` given with `--source` must name the archive's pack (exit 2 otherwise). */
function expectPack(file: string, name: string, version: string, opts: ArchiveInstallOptions): void {
  if (opts.name === undefined) return;
  const want = splitNameRange(opts.name);
  if (want.name !== name) {
    throw new ValidationError(`${file} holds ${name}@${version}, not ${want.name}; nothing was installed`, {
      hint: `Run \`ggen-pack install --source ${file}\` without a pack name, or \`ggen-pack install ${name} --source ${file}\`.`,
    });
  }
  if (want.range !== undefined && opts.range !== undefined) {
    throw new ValidationError(`Give the version either as ${opts.name} or with --version, not both`);
  }
  const range = normalizeRange(want.range ?? opts.range);
  if (!semver.satisfies(version, range, { includePrerelease: true })) {
    throw new ValidationError(`${file} holds ${name}@${version}, which does not satisfy ${range}; nothing was installed`, {
      hint: `Leave out the version, or give an archive of a ${name} version in ${range}.`,
    });
  }
}

/** For messages and tests: whether `source` could be an archive path (it exists, or looks like one). */
export const looksLikeArchive = (source: string, cwd: string): boolean =>
  /^file:\/\//i.test(source) || /[\\/]|\.(tgz|tar\.gz|tar|zip)$/i.test(source) || existsSync(resolve(cwd, source));
