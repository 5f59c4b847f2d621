/**
 * Reading a template's source files from a pack (SPEC §2): a directory walked recursively in sorted
 * order (deterministic output) or a single file, minus the pack's gitignore-style `excludes`. Sources
 * must stay inside the pack: a path or symlink leading out of it is a PermissionError.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { NotFoundError, PermissionError } from '../errors';
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
  const real = realpathSync(abs);
  if (real !== packReal && !real.startsWith(packReal + sep)) {
    throw new PermissionError(`Template source ${shown} leads outside the pack (to ${real})`, {
      hint: 'Template files must live inside the pack directory; copy the file into the pack.',
    });
  }
  return real;
}

/** Read every file of a local template source `path` (relative to `packDir`). */
export function readTemplateSource(packDir: string, path: string, excludes: string[], onBytes?: (n: number) => void): SourceFile[] {
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
  insidePack(packReal, root, path);
  const excluded = makeExcluder(excludes);
  const out: SourceFile[] = [];
  const readOne = (abs: string, rel: string, packRel: string) => {
    const s = statSync(abs);
    checkTemplateFileSize(packRel, s.size);
    onBytes?.(s.size);
    out.push({ rel, packRel, data: readFileSync(abs), mode: s.mode & 0o777 });
  };
  if (!st.isDirectory()) {
    readOne(root, basename(root), rootRel);
    return out;
  }
  const walk = (dir: string, relDir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relDir ? `${relDir}/${name}` : name;
      const packRel = rootRel ? `${rootRel}/${rel}` : rel;
      const l = lstatSync(abs);
      if (l.isSymbolicLink()) insidePack(packReal, abs, packRel);
      const isDir = l.isSymbolicLink() ? statSync(abs).isDirectory() : l.isDirectory();
      if (excluded(packRel, isDir)) continue;
      if (isDir) walk(abs, rel);
      else readOne(abs, rel, packRel);
    }
  };
  walk(root, '');
  return out;
}
