/**
 * Pack bundles (`ggen-pack export` / `import`, SPEC §3 utility verbs): a `.tar.gz` (default) or
 * `.zip` holding `ggen-bundle.json` and `packs/<name>@<version>/…`. The bundle manifest lists each
 * pack with its integrity and every file with its SHA-256, so an import verifies everything before
 * anything is installed. Archives are deterministic (sorted entries, fixed timestamps).
 */
import { ValidationError } from '../errors';

export const BUNDLE_FILE = 'ggen-bundle.json';
export const BUNDLE_VERSION = 1;
/** Fixed entry time, so the same packs always give the same bytes. */
export const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');
/** Safety caps for reading a bundle (SPEC §2 limits: pack ≤ 100 MB). */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_ENTRIES = 50_000;

export interface BundlePack {
  name: string;
  version: string;
  /** Folder inside the bundle, `packs/<name>@<version>` (scoped names encoded as in the registry). */
  dir: string;
  /** `sha512-…` over the pack's files (engine/registry/integrity.ts), re-checked after extraction. */
  integrity: string;
}

export interface BundleManifest {
  bundle_version: number;
  created_by: string;
  /** Dependencies first, the exported pack last. */
  packs: BundlePack[];
  /** Every other entry of the archive: path → hex SHA-256. */
  files: Record<string, string>;
}

export type BundleFormat = 'tar.gz' | 'zip';

/** The archive formats the bundle codecs (codecs.ts: tar + gzip, fflate zip) read and write; `tgz` is an alias of `tar.gz`. */
export const BUNDLE_FORMATS: readonly BundleFormat[] = ['tar.gz', 'zip'];

export const formatOf = (file: string): BundleFormat => (/\.zip$/i.test(file) ? 'zip' : 'tar.gz');

/** The format a file name states (`.zip`, `.tar.gz` / `.tgz`), or null when its extension names neither. */
export const formatNamedBy = (file: string): BundleFormat | null =>
  /\.zip$/i.test(file) ? 'zip' : /\.(tar\.gz|tgz)$/i.test(file) ? 'tar.gz' : null;

/**
 * The format of the bundle `file` (`--archive-format`, else inferred from the name by `formatOf`).
 * Throws ValidationError (exit 2) for an unknown format, or one the file name contradicts
 * (`--archive-format zip` with `out.tar.gz`).
 */
export function bundleFormat(file: string, requested?: string): BundleFormat {
  if (requested === undefined) return formatOf(file);
  const want = requested.trim().toLowerCase().replace(/^\./, '');
  const format = want === 'tgz' ? 'tar.gz' : BUNDLE_FORMATS.find((f) => f === want);
  if (!format) {
    throw new ValidationError(`--archive-format "${requested}" is not a bundle format`, {
      hint: `Use one of ${BUNDLE_FORMATS.join(', ')} (tgz = tar.gz).`,
    });
  }
  const named = formatNamedBy(file);
  if (named && named !== format) {
    throw new ValidationError(`--archive-format ${format} contradicts the file name ${file}, which says ${named}`, {
      hint: `Name the file *.${format}, or give --archive-format ${named} (what the name says) or no --archive-format.`,
    });
  }
  return format;
}

/** A regular file read from (or about to be written to) a bundle. */
export interface BundleEntry {
  path: string;
  data: Buffer;
  mode: number;
}
