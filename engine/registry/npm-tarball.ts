/**
 * Reading a pack tarball from a registry safely (SPEC §5, §8), in memory, before a byte is written:
 * only regular files and folders (any link or device is refused: a published pack holds none, since
 * publish follows links inside the pack), relative paths without `..` under the one top folder npm
 * uses (`package/`), and caps on the file count, each file and the unpacked total, checked while
 * inflating so a gzip bomb stops at the cap. A violation is a PermissionError (paths, links) or a
 * ValidationError (caps) naming the pack and the entry; nothing is extracted.
 */
import { PermissionError, ValidationError } from '../errors';
import { LIMITS } from '../render/limits';
import { isPlainRelativePath } from '../archive/entry-path';

// tar loads with the first tarball, not with engine/index.ts (see engine/archive/codecs.ts).
const codecs = () => require('../archive/codecs') as typeof import('../archive/codecs');

/** Caps for one remote pack: SPEC §2's 100 MB per pack, the template file limit per file, and a file count no real pack nears. */
export const REMOTE_LIMITS = { files: 20_000, fileBytes: LIMITS.packBytes, totalBytes: LIMITS.packBytes } as const;

export interface TarFile {
  /** Path inside the pack (the top `package/` folder dropped), `/`-separated. */
  path: string;
  data: Buffer;
  mode: number;
}

function checkPath(raw: string, what: string): string {
  const p = raw.replace(/\/+$/, '');
  if (!isPlainRelativePath(p)) {
    throw new PermissionError(`${what}: refusing the tarball entry "${raw}" (absolute, "..", or not a plain relative path)`, {
      hint: 'The package was not made by ggen-pack publish, or was tampered with; nothing was installed.',
    });
  }
  return p;
}

/** The files of the gzipped tarball `bytes` (of the pack `what`, e.g. "acme-pack@1.0.0 from URL"), checked. */
export function readPackTarball(bytes: Buffer, what: string): TarFile[] {
  const out: TarFile[] = [];
  let total = 0;
  let top: string | null = null;
  const state: { failure: Error | null } = { failure: null };
  const inside = (raw: string): string => {
    const p = checkPath(raw, what);
    const slash = p.indexOf('/');
    const first = slash < 0 ? p : p.slice(0, slash);
    top ??= first;
    if (first !== top)
      throw new PermissionError(`${what}: the tarball has entries outside its top folder "${top}/" ("${raw}")`, {
        hint: 'A pack tarball holds one folder (package/); nothing was installed.',
      });
    return slash < 0 ? '' : p.slice(slash + 1);
  };
  const fail = (err: unknown) => {
    state.failure ??= err as Error;
  };
  const parser = codecs().listTar({
    strict: true,
    onReadEntry: (entry) => {
      if (state.failure) return entry.resume();
      try {
        if (entry.type === 'Directory') {
          inside(entry.path);
          return entry.resume();
        }
        if (entry.type !== 'File' && entry.type !== 'OldFile') {
          const to = entry.linkpath ? ` → ${entry.linkpath}` : '';
          throw new PermissionError(
            `${what}: refusing the ${entry.type} entry "${entry.path}"${to} (pack tarballs hold only files and folders)`,
            {
              hint: 'A link in a tarball could point outside the registry; nothing was installed.',
            },
          );
        }
        const path = inside(entry.path);
        if (path === '') throw new PermissionError(`${what}: a file takes the place of the top folder ("${entry.path}")`);
        if (out.length >= REMOTE_LIMITS.files)
          throw new ValidationError(`${what}: more than ${REMOTE_LIMITS.files} files; the limit for one pack is ${REMOTE_LIMITS.files}`, {
            hint: 'Nothing was installed. A pack that large is not a pack; ask its owner.',
          });
        const chunks: Buffer[] = [];
        let size = 0;
        entry.on('data', (c: Buffer) => {
          if (state.failure) return;
          size += c.length;
          total += c.length;
          if (size > REMOTE_LIMITS.fileBytes || total > REMOTE_LIMITS.totalBytes) {
            fail(
              new ValidationError(
                `${what} unpacks to more than ${REMOTE_LIMITS.totalBytes / 1024 / 1024} MB (at ${entry.path}); the pack limit is 100 MB`,
                {
                  hint: 'Nothing was installed.',
                },
              ),
            );
            return;
          }
          chunks.push(c);
        });
        entry.on('end', () => {
          if (!state.failure) out.push({ path, data: Buffer.concat(chunks), mode: (entry.mode ?? 0o644) & 0o777 });
        });
      } catch (err) {
        fail(err);
        entry.resume();
      }
    },
  });
  try {
    parser.on('error', fail);
    // The parser inflates and parses synchronously as it is written.
    parser.end(bytes);
  } catch (err) {
    fail(err);
  }
  if (state.failure) {
    const f = state.failure;
    if (f instanceof PermissionError || f instanceof ValidationError) throw f;
    // node-tar's own guard: an archive that inflates more than 1000× is a compression bomb.
    if (/decompression ratio/.test(f.message))
      throw new ValidationError(`${what} inflates more than 1000 times its size (a compression bomb); nothing was installed`, { cause: f });
    throw new ValidationError(`${what} is not a readable .tgz (${f.message}); nothing was installed`, { cause: f });
  }
  return out;
}
