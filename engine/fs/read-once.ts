/**
 * One read per file per run (SPEC §10 performance): a generation reads each template, query and
 * graph file once and shares the bytes between validation, planning, rendering and hashing for
 * packs.lock. Files are read on first use and kept until the run ends (the reader is made per run,
 * so an editor's next preview sees files changed in between).
 */
import { readFileSync } from 'node:fs';

/** Reads a file's bytes (absolute path); the same path read twice costs one read. */
export type ReadFile = (abs: string) => Buffer;

/** A reader for one run. `seed`: bytes already read (e.g. the manifest, read while loading the pack). */
export function readOnce(seed: Iterable<readonly [string, Buffer]> = []): ReadFile {
  const seen = new Map<string, Buffer>(seed);
  return (abs) => {
    let b = seen.get(abs);
    if (!b) {
      b = readFileSync(abs);
      seen.set(abs, b);
    }
    return b;
  };
}
