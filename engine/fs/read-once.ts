/**
 * One read per file per run (SPEC §10 performance): a generation reads each template, query and
 * graph file (and lists each folder) once and shares the bytes between validation, planning, rendering and hashing for
 * packs.lock. Files are read on first use and kept until the run ends (the reader is made per run,
 * so an editor's next preview sees files changed in between).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Reads a file's bytes (absolute path); the same path read twice costs one read. */
export interface ReadFile {
  (abs: string): Buffer;
  /** The names in a folder (a fresh array each call), listed once per run: three walkers share it. */
  readdir?: (abs: string) => string[];
}

/** A reader for one run. `seed`: bytes already read (e.g. the manifest, read while loading the pack). */
export function readOnce(seed: Iterable<readonly [string, Buffer]> = []): ReadFile {
  const seen = new Map<string, Buffer>(seed);
  const listed = new Map<string, string[]>();
  const read: ReadFile = (abs) => {
    let b = seen.get(abs);
    if (!b) {
      b = readFileSync(abs);
      seen.set(abs, b);
    }
    return b;
  };
  read.readdir = (abs) => {
    let names = listed.get(abs);
    if (!names) {
      names = readdirSync(abs);
      listed.set(abs, names);
    }
    return [...names];
  };
  return read;
}
