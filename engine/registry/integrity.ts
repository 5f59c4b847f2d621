/**
 * The files that make up a pack and its integrity hash (SPEC §10 "Lockfile"): `sha512-…` SRI over
 * the sorted list of the pack's relative file paths and contents. Install copies exactly these
 * files, so the hash of a bundled pack and of its installed copy are equal; generate reuses
 * `packIntegrity` for packs.lock.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import picomatch from 'picomatch';
import { PermissionError } from '../errors';
import type { ReadFile } from '../fs/read-once';

/** Never part of a pack, whatever the manifest says. */
const ALWAYS_EXCLUDED = new Set(['.git', '.hg', '.svn', 'node_modules', '.DS_Store']);

export interface PackFile {
  /** Relative path with `/` separators. */
  path: string;
  /** Absolute path to read (the link target for a symlink inside the pack). */
  abs: string;
}

/** gitignore-style matcher: `dir/` matches a directory, a pattern without `/` matches any base name. */
function excluder(patterns: string[]): (rel: string, isDir: boolean) => boolean {
  const tests = patterns.map((p) => {
    const dirOnly = p.endsWith('/');
    const body = p.replace(/^\//, '').replace(/\/$/, '');
    const m = picomatch(body, { dot: true, basename: !body.includes('/') });
    return { dirOnly, m };
  });
  return (rel, isDir) => tests.some((t) => (!t.dirOnly || isDir) && t.m(rel));
}

/**
 * Every file of the pack at `dir`, sorted by path. Symlinks are followed only when they stay
 * inside the pack; one pointing outside throws PermissionError (exit 6).
 */
export function listPackFiles(
  dir: string,
  opts: { excludes?: string[] | undefined; readdir?: ((abs: string) => string[]) | undefined } = {},
): PackFile[] {
  const root = realpathSync(dir);
  const excluded = excluder(opts.excludes ?? []);
  const out: PackFile[] = [];
  const walk = (absDir: string, relDir: string): void => {
    for (const name of (opts.readdir ?? readdirSync)(absDir)) {
      if (ALWAYS_EXCLUDED.has(name)) continue;
      const abs = join(absDir, name);
      const rel = relDir ? `${relDir}/${name}` : name;
      let st = lstatSync(abs);
      let target = abs;
      if (st.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(abs);
        } catch {
          throw new PermissionError(`${rel} in ${dir} is a broken symbolic link`, {
            hint: 'Remove the link or point it at a file inside the pack.',
          });
        }
        if (real !== root && !real.startsWith(root + sep)) {
          throw new PermissionError(`${rel} in ${dir} links outside the pack (to ${real})`, {
            hint: 'A pack may only contain links to its own files; copy the file into the pack instead.',
          });
        }
        st = statSync(real);
        target = real;
      }
      if (excluded(rel, st.isDirectory())) continue;
      if (st.isDirectory()) {
        // A link back to an ancestor would loop forever.
        if (target !== abs && (root === target || absDir.startsWith(target + sep) || absDir === target)) {
          throw new PermissionError(`${rel} in ${dir} is a link loop`, { hint: 'Remove the link.' });
        }
        walk(target, rel);
      } else if (st.isFile()) out.push({ path: rel, abs: target });
    }
  };
  walk(root, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `sha512-<base64>` over each file's path, a NUL, its byte length, a NUL, and its contents, in path
 * order. `readFile`: a generation passes the reader its rendering used, so no file is read twice.
 */
export function integrityOfFiles(files: PackFile[], readFile: (abs: string) => Buffer = readFileSync): string {
  const h = createHash('sha512');
  for (const f of files) {
    const data = readFile(f.abs);
    h.update(f.path).update('\0').update(String(data.length)).update('\0').update(data);
  }
  return `sha512-${h.digest('base64')}`;
}

/** Integrity of the pack at `dir` (SPEC §10); `excludes` are the manifest's top-level excludes. */
export function packIntegrity(dir: string, opts: { excludes?: string[]; readFile?: ReadFile } = {}): string {
  return integrityOfFiles(listPackFiles(dir, { excludes: opts.excludes, readdir: opts.readFile?.readdir }), opts.readFile);
}
