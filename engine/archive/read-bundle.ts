/**
 * Reading a bundle safely (SPEC §5 "Archives are extracted safely"): entries are read into memory,
 * never straight to disk; only regular files and folders are accepted (links and devices are
 * refused outright), paths must be relative without `..`, and sizes and counts are capped. Any
 * violation is a PermissionError (exit 6) and nothing is written.
 */
import { PackError, PermissionError, ValidationError } from '../errors';
import { readInputBytes } from '../fs/read-input';
import { formatOf, MAX_BUNDLE_BYTES, MAX_ENTRIES, MAX_FILE_BYTES, type BundleEntry } from './bundle';

// tar and fflate load on the first bundle, not with engine/index.ts (see codecs.ts).
const codecs = () => require('./codecs') as typeof import('./codecs');

/** `./pack.toml` → `pack.toml`: the leading `./` of `tar czf x.tgz -C dir .` stays inside the archive. */
const dropDotSlash = (path: string): string => path.replace(/^(\.\/+)+/, '');

/** The entry `.` / `./` itself (the archive root of `tar -C dir .`): a folder to skip, not a path to refuse. */
const isRoot = (path: string): boolean => /^\.\/*$/.test(path) || dropDotSlash(path) === '';

function checkPath(path: string, file: string): string {
  const p = dropDotSlash(path).replace(/\/+$/, '');
  if (
    p === '' ||
    p.includes('\0') ||
    p.includes('\\') ||
    /^([a-zA-Z]:|\/)/.test(p) ||
    p.split('/').some((s) => s === '..' || s === '' || s === '.')
  ) {
    throw new PermissionError(`${file}: refusing the archive entry "${path}" (absolute, "..", or not a plain relative path)`, {
      hint: 'This bundle was not made by ggen-pack export, or was tampered with; nothing was installed.',
    });
  }
  return p;
}

/** The regular files of a .tar.gz / .zip bundle, checked, in archive order. */
export function readBundle(file: string, words: { what?: string; hint?: string } = {}): BundleEntry[] {
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
  let total = 0;
  const add = (path: string, data: Buffer, mode: number) => {
    if (out.length >= MAX_ENTRIES) throw new ValidationError(`${file} has more than ${MAX_ENTRIES} entries`);
    if (data.length > MAX_FILE_BYTES)
      throw new ValidationError(`${file}: ${path} is ${data.length} bytes; the file limit is ${MAX_FILE_BYTES}`);
    total += data.length;
    if (total > MAX_BUNDLE_BYTES) throw new ValidationError(`${file} unpacks to more than ${MAX_BUNDLE_BYTES} bytes`);
    out.push({ path: checkPath(path, file), data, mode: mode & 0o777 });
  };

  if (formatOf(file) === 'zip') {
    let files: Record<string, Uint8Array>;
    try {
      files = codecs().unzipSync(new Uint8Array(raw));
    } catch (err) {
      throw new ValidationError(`${file} is not a readable zip archive (${(err as Error).message})`);
    }
    for (const [path, data] of Object.entries(files)) if (!path.endsWith('/')) add(path, Buffer.from(data), 0o644);
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
