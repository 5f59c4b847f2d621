/**
 * Reading a template's source files from a pack (SPEC §2): a directory walked recursively in sorted
 * order (deterministic output) or a single file, minus the pack's gitignore-style `excludes`. Sources
 * must stay inside the pack: a path or symlink leading out of it is a PermissionError.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { GenerationError, NotFoundError, PermissionError, type PackError } from '../errors';
import { inputError } from '../fs/read-input';
import type { ReadFile } from '../fs/read-once';
import { checkTemplateFileSize } from './limits';

export interface SourceFile {
  /** Path relative to the template root, `/`-separated (for a single file: its base name). */
  rel: string;
  /** Path relative to the pack root (messages, front-matter errors). */
  packRel: string;
  data: Buffer;
  /** Permission bits (executable bits are kept). */
  mode: number;
}

/** A matcher for `excludes` (gitignore-style: no slash → any depth; trailing slash → directory). */
export function makeExcluder(patterns: string[]): (rel: string, isDir: boolean) => boolean {
  const matchers = patterns.map((raw) => {
    const dirOnly = raw.endsWith('/');
    let p = dirOnly ? raw.slice(0, -1) : raw;
    const anchored = p.startsWith('/') || p.includes('/');
    if (p.startsWith('/')) p = p.slice(1);
    const m = picomatch(anchored ? p : `**/${p}`, { dot: true });
    return { dirOnly, m };
  });
  return (rel, isDir) => matchers.some(({ dirOnly, m }) => (!dirOnly || isDir) && m(rel));
}

function insidePack(packReal: string, abs: string, shown: string): string {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    throw linkError(shown, err);
  }
  if (real !== packReal && !real.startsWith(packReal + sep)) {
    throw new PermissionError(`Template source ${shown} leads outside the pack (to ${real})`, {
      hint: 'Template files must live inside the pack directory; copy the file into the pack.',
    });
  }
  return real;
}

/** A symbolic link that cannot be followed (dangling, or a chain that loops back on itself). */
function linkError(shown: string, err: unknown): PackError {
  const code = (err as { code?: string }).code;
  const why =
    code === 'ELOOP'
      ? 'is a symbolic link that loops (ELOOP)'
      : code === 'ENOENT'
        ? 'is a broken symbolic link'
        : `cannot be read (${code ?? String(err)})`;
  return new GenerationError(`Template source ${shown} ${why}`, {
    hint: 'Point the link at a file or folder inside the pack, or remove it (or add it to `excludes`).',
    cause: err,
  });
}

/**
 * Read every file of a local template source `path` (relative to `packDir`). `readFile` reads one
 * file's bytes (generation passes the reads its validation already made; default readFileSync).
 */
export function readTemplateSource(
  packDir: string,
  path: string,
  excludes: string[],
  onBytes?: (n: number) => void,
  readFile?: ReadFile,
): SourceFile[] {
  const packReal = realpathSync(packDir);
  const root = resolve(packDir, path);
  const rootRel = relative(packDir, root).split(sep).join('/');
  if (rootRel.startsWith('..') || resolve(root) === resolve('/') || /^[a-zA-Z]:/.test(rootRel)) {
    throw new PermissionError(`Template path "${path}" points outside the pack`, { hint: 'Use a path inside the pack directory.' });
  }
  let st;
  try {
    st = statSync(root);
  } catch {
    throw new NotFoundError(`Template path "${path}" does not exist in ${packDir}`, {
      hint: 'Fix [templates.source].path in the manifest or add the missing files.',
    });
  }
  const rootReal = insidePack(packReal, root, path);
  const excluded = makeExcluder(excludes);
  const out: SourceFile[] = [];
  const readOne = (abs: string, rel: string, packRel: string) => {
    let s;
    try {
      s = statSync(abs);
    } catch (err) {
      throw linkError(packRel, err);
    }
    // A FIFO or device would block the read (or never end): only regular files are template sources.
    if (!s.isFile())
      throw new GenerationError(`Template source ${packRel} is not a regular file`, {
        hint: 'Remove it from the template folder or add it to `excludes`.',
      });
    checkTemplateFileSize(packRel, s.size);
    onBytes?.(s.size);
    let data: Buffer;
    try {
      data = readFile ? readFile(abs) : readFileSync(abs);
    } catch (err) {
      throw inputError({ path: abs, shown: packRel, what: 'template source' }, err);
    }
    out.push({ rel, packRel, data, mode: s.mode & 0o777 });
  };
  if (!st.isDirectory()) {
    readOne(root, basename(root), rootRel);
    return out;
  }
  // `ancestors`: real paths of the folders being walked, so a link back to one of them (`ln -s . loop`)
  // is reported as a loop instead of being walked until the path is too long (ELOOP).
  const walk = (dir: string, relDir: string, real: string, ancestors: Set<string>) => {
    for (const name of (readFile?.readdir ?? readdirSync)(dir).sort()) {
      const abs = join(dir, name);
      const rel = relDir ? `${relDir}/${name}` : name;
      const packRel = rootRel ? `${rootRel}/${rel}` : rel;
      const l = lstatSync(abs);
      let isDir = l.isDirectory();
      if (l.isSymbolicLink()) {
        try {
          isDir = statSync(abs).isDirectory();
        } catch (err) {
          if (excluded(packRel, false)) continue; // an excluded broken link is never read
          throw linkError(packRel, err);
        }
      }
      if (excluded(packRel, isDir)) continue;
      const target = l.isSymbolicLink() ? insidePack(packReal, abs, packRel) : join(real, name);
      if (isDir && ancestors.has(target)) {
        const to = relative(packReal, target).split(sep).join('/') || '.';
        throw new GenerationError(`Template source ${packRel} is a symbolic link to ${to}, a folder that contains it (a loop)`, {
          hint: `Remove the link, or add "${packRel}" to \`excludes\`.`,
        });
      }
      if (isDir) walk(abs, rel, target, new Set(ancestors).add(target));
      else readOne(abs, rel, packRel);
    }
  };
  walk(root, '', rootReal, new Set([rootReal]));
  return out;
}
