/**
 * Reading a file the user or a pack names (a manifest, an RDF file, `--data`, a bundle): every way it
 * can fail becomes a PackError that names the file and says what to do, never a bare errno (exit 1).
 * The size limit is checked on the `stat` result, before a byte is read.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { NotFoundError, PermissionError, ValidationError } from '../errors';
import { describeErrno, isPermissionErrno, type ErrnoLike } from './errno';

export interface InputFile {
  /** Absolute path to read. */
  path: string;
  /** How messages name it (`--data x.ttl`, `demo-pack:graphs/a.ttl`, the path). */
  shown: string;
  /** What it is, for messages: "RDF file", "manifest", "bundle". */
  what: string;
  /** Refuse files larger than this (ValidationError naming the limit), checked before reading. */
  maxBytes?: number;
  /** Words for the limit in the message ("10 MB"). */
  limitText?: string;
  /** What to do when the file is missing or not a file. */
  hint?: string;
}

/** The file's stat, checked to be a regular file within the size limit. Throws NotFound / Permission / ValidationError. */
export function statInput(f: InputFile): Stats {
  let st: Stats;
  try {
    st = statSync(f.path);
  } catch (err) {
    throw inputError(f, err);
  }
  if (st.isDirectory()) {
    throw new NotFoundError(`The ${f.what} ${f.shown} is a directory, not a file`, {
      hint: f.hint ?? `Name a file, or remove the directory ${f.path}.`,
    });
  }
  if (!st.isFile()) {
    throw new NotFoundError(`The ${f.what} ${f.shown} is not a regular file`, { hint: f.hint ?? 'Name a regular file.' });
  }
  if (f.maxBytes !== undefined && st.size > f.maxBytes) {
    const limit = f.limitText ?? `${f.maxBytes} bytes`;
    throw new ValidationError(`The ${f.what} ${f.shown} is ${mb(st.size)}; the limit is ${limit}`, {
      hint: 'Make the file smaller or split it.',
    });
  }
  return st;
}

/** Read a text file (UTF-8) after `statInput`'s checks. */
export function readInputText(f: InputFile): string {
  return readInputBytes(f).toString('utf8');
}

/** Read a file's bytes after `statInput`'s checks (through `read`: a run's one-read-per-file reader). */
export function readInputBytes(f: InputFile, read: (abs: string) => Buffer = readFileSync): Buffer {
  statInput(f);
  try {
    return read(f.path);
  } catch (err) {
    throw inputError(f, err);
  }
}

/** A failed stat/read of an input file as a PackError. */
export function inputError(f: InputFile, err: unknown): Error {
  const e = err as ErrnoLike;
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new NotFoundError(`The ${f.what} ${f.shown} does not exist`, { hint: f.hint ?? `Check the path ${f.path}.`, cause: err });
    case 'EISDIR':
      return new NotFoundError(`The ${f.what} ${f.shown} is a directory, not a file`, {
        hint: f.hint ?? `Name a file, or remove the directory ${f.path}.`,
        cause: err,
      });
    case 'ELOOP':
      return new NotFoundError(`The ${f.what} ${f.shown} is a symbolic link that loops (ELOOP)`, {
        hint: `Point the link ${f.path} at a real file.`,
        cause: err,
      });
    default:
      if (isPermissionErrno(e)) {
        return new PermissionError(`Cannot read the ${f.what} ${f.shown}: ${describeErrno(e)}`, {
          hint: `Check the permissions of ${f.path}.`,
          cause: err,
        });
      }
      return new NotFoundError(`Cannot read the ${f.what} ${f.shown}: ${describeErrno(e)}`, {
        hint: f.hint ?? `Check the file ${f.path}.`,
        cause: err,
      });
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
