/**
 * Reading a bundle safely (SPEC §5 "Archives are extracted safely"): entries are read into memory,
 * never straight to disk; only regular files and folders are accepted (links and devices are
 * refused outright), paths must be relative without `..`, and sizes and counts are capped. Any
 * violation is a PermissionError (exit 6) and nothing is written.
 */
import { PackError, PermissionError, ValidationError } from '../errors';
import { readInputBytes } from '../fs/read-input';
import { formatOf, MAX_BUNDLE_BYTES, MAX_ENTRIES, MAX_FILE_BYTES, type BundleEntry, type BundleFormat } from './bundle';
import { isPlainRelativePath } from './entry-path';

// tar and fflate load on the first bundle, not with engine/index.ts (see codecs.ts).
const codecs = () => require('./codecs') as typeof import('./codecs');

/** `./pack.toml` → `pack.toml`: the leading `./` of `tar czf x.tgz -C dir .` stays inside the archive. */
const dropDotSlash = (path: string): string => path.replace(/^(\.\/+)+/, '');

/** The entry `.` / `./` itself (the archive root of `tar -C dir .`): a folder to skip, not a path to refuse. */
const isRoot = (path: string): boolean => /^\.\/*$/.test(path) || dropDotSlash(path) === '';

function checkPath(path: string, file: string): string {
  const p = dropDotSlash(path).replace(/\/+$/, '');
  if (!isPlainRelativePath(p)) {
    throw new PermissionError(`${file}: refusing the archive entry "${path}" (absolute, "..", or not a plain relative path)`, {
      hint: 'This bundle was not made by ggen-pack export, or was tampered with; nothing was installed.',
    });
  }
  return p;
}

const MB = 1024 * 1024;

/** The regular files of a .tar.gz / .zip bundle (`format`, default by the file name), checked, in archive order. */
export function readBundle(file: string, words: { what?: string; hint?: string; format?: BundleFormat | undefined } = {}): BundleEntry[] {
  // Missing, a directory, unreadable: a NotFound/PermissionError naming the bundle (not ENOENT, exit 1);
  // the size limit is checked on the stat, before the bytes are read.
  const raw = readInputBytes({
    path: file,
    shown: file,
    what: words.what ?? 'bundle',
    maxBytes: MAX_BUNDLE_BYTES,
    limitText: `${MAX_BUNDLE_BYTES / 1024 / 1024} MB (the bundle limit)`,
    hint: words.hint ?? 'Give the path of a .tar.gz or .zip made by `ggen-pack export`.',
  });
  const out: BundleEntry[] = [];
  const nothing = 'nothing was installed';
  let total = 0;
  let declared = 0;
  let seen = 0;
  // Every cap is checked on the size the archive declares, before an entry's bytes are inflated or
  // buffered (a gzip or zip bomb never gets the memory it asks for), and again on the bytes read.
  const admit = (path: string, size: number) => {
    if (++seen > MAX_ENTRIES)
      throw new ValidationError(`${file} has more than ${MAX_ENTRIES} entries (the archive limit); ${nothing}`, {
        hint: 'A pack bundle this large is not something `ggen-pack export` writes; split it into several bundles.',
      });
    if (!(size >= 0) || size > MAX_FILE_BYTES)
      throw new ValidationError(
        `${file}: the entry "${path}" declares ${size} bytes; the file limit is ${MAX_FILE_BYTES / MB} MB; ${nothing}`,
        { hint: 'Remove large files from the pack or add them to `excludes`, then export it again.' },
      );
    declared += size;
    if (declared > MAX_BUNDLE_BYTES)
      throw new ValidationError(
        `${file} unpacks to more than ${MAX_BUNDLE_BYTES / MB} MB (the bundle limit) at the entry "${path}"; ${nothing}`,
        { hint: 'Split the packs over several bundles.' },
      );
  };
  const add = (path: string, data: Buffer, mode: number) => {
    if (data.length > MAX_FILE_BYTES)
      throw new ValidationError(
        `${file}: the entry "${path}" is ${data.length} bytes; the file limit is ${MAX_FILE_BYTES / MB} MB; ${nothing}`,
      );
    total += data.length;
    if (total > MAX_BUNDLE_BYTES)
      throw new ValidationError(`${file} unpacks to more than ${MAX_BUNDLE_BYTES / MB} MB (the bundle limit); ${nothing}`);
    out.push({ path: checkPath(path, file), data, mode: mode & 0o777 });
  };

  if ((words.format ?? formatOf(file)) === 'zip') {
    const modes = zipModes(raw);
    let files: Record<string, Uint8Array>;
    try {
      files = codecs().unzipSync(new Uint8Array(raw), {
        // Called before each entry is inflated into a buffer of its declared size.
        filter: (f) => {
          const mode = modes.get(f.name) ?? 0;
          const type = mode & 0o170000;
          if (type !== 0 && type !== 0o100000 && type !== 0o040000) {
            throw new PermissionError(
              `${file}: refusing the ${type === 0o120000 ? 'symbolic link' : 'special'} entry "${f.name}" (bundles hold only files and folders)`,
              { hint: 'Links in an archive could point outside the registry; nothing was installed.' },
            );
          }
          if (f.name.endsWith('/') || type === 0o040000) {
            if (!isRoot(f.name)) checkPath(f.name, file);
            return false;
          }
          checkPath(f.name, file);
          admit(f.name, f.originalSize);
          return true;
        },
      });
    } catch (err) {
      if (err instanceof PackError) throw err;
      throw new ValidationError(`${file} is not a readable zip archive (${(err as Error).message})`);
    }
    for (const [path, data] of Object.entries(files)) add(path, Buffer.from(data), modes.get(path) || 0o644);
    return out;
  }

  // Set from tar's callbacks (the first error wins), which control-flow narrowing cannot follow.
  const state: { failure: Error | null } = { failure: null };
  try {
    codecs().listTar({
      file,
      sync: true,
      strict: true,
      onReadEntry: (entry) => {
        if (state.failure) return entry.resume();
        try {
          admit(entry.path, entry.type === 'Directory' ? 0 : (entry.size ?? 0));
        } catch (err) {
          state.failure = err as Error;
          return entry.resume();
        }
        if (entry.type === 'Directory') {
          if (!isRoot(entry.path)) checkPath(entry.path, file);
          return entry.resume();
        }
        if (entry.type !== 'File' && entry.type !== 'OldFile') {
          state.failure = new PermissionError(
            `${file}: refusing the ${entry.type} entry "${entry.path}" (bundles hold only files and folders)`,
            {
              hint: 'Links in an archive could point outside the registry; nothing was installed.',
            },
          );
          return entry.resume();
        }
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => {
          try {
            add(entry.path, Buffer.concat(chunks), entry.mode ?? 0o644);
          } catch (err) {
            state.failure = err as Error;
          }
        });
      },
    });
  } catch (err) {
    if (state.failure) throw state.failure;
    if (err instanceof PackError) throw err;
    throw new ValidationError(`${file} is not a readable .tar.gz bundle (${(err as Error).message})`);
  }
  if (state.failure) throw state.failure;
  return out;
}

/**
 * Unix modes of a zip's entries, from its central directory (fflate does not report them): name →
 * the file type and permission bits of the external attributes, for entries made on Unix (host 3).
 * A damaged directory yields what it could read; unzipSync then reports the damage.
 */
function zipModes(raw: Buffer): Map<string, number> {
  const modes = new Map<string, number>();
  let eocd = raw.length - 22;
  while (eocd >= 0 && raw.readUInt32LE(eocd) !== 0x06054b50) if (raw.length - --eocd > 65_558) return modes;
  if (eocd < 0) return modes;
  let count = raw.readUInt16LE(eocd + 10);
  let at = raw.readUInt32LE(eocd + 16);
  const z64 = eocd >= 20 && raw.readUInt32LE(eocd - 20) === 0x07064b50 ? Number(raw.readBigUInt64LE(eocd - 12)) : -1;
  if (z64 >= 0 && z64 + 56 <= raw.length && raw.readUInt32LE(z64) === 0x06064b50) {
    count = Number(raw.readBigUInt64LE(z64 + 32));
    at = Number(raw.readBigUInt64LE(z64 + 48));
  }
  for (let i = 0; i < count && at + 46 <= raw.length && raw.readUInt32LE(at) === 0x02014b50; i++) {
    const host = raw[at + 5];
    const nameLength = raw.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + raw.readUInt16LE(at + 30) + raw.readUInt16LE(at + 32);
    const name = raw.toString('utf8', at + 46, at + 46 + nameLength);
    if (host === 3) modes.set(name, raw.readUInt32LE(at + 38) >>> 16);
    at = next;
  }
  return modes;
}
