/**
 * The apply journal (`<output>/.packs/journal.json`, SPEC §4): written before the first file is
 * moved into place, removed after the last. If a process dies in between, the next apply (or
 * `recoverJournal`) rolls back: moved files are removed, backups restored, created folders dropped.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface JournalEntry {
  /** Absolute destination. */
  target: string;
  /** Absolute path of the staged content (gone once moved). */
  staged: string;
  /** Where the replaced file was moved (overwrite only). */
  backup?: string;
}

export interface Journal {
  version: 1;
  staging: string;
  entries: JournalEntry[];
  /** Folders this apply created, parents first. */
  createdDirs: string[];
}

export const journalPath = (root: string) => join(root, '.packs', 'journal.json');

/** Write the journal atomically (temp + rename). */
export function writeJournal(root: string, j: Journal): void {
  const file = journalPath(root);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file + '.tmp', JSON.stringify(j, null, 2));
  renameSync(file + '.tmp', file);
}

/** Undo what the journal describes (whatever stage it reached), then delete it and the staging folder. */
export function rollBack(root: string, j: Journal): void {
  for (const e of [...j.entries].reverse()) {
    const moved = !existsSync(e.staged);
    if (moved && existsSync(e.target)) rmSync(e.target, { force: true });
    if (e.backup && existsSync(e.backup)) {
      mkdirSync(dirname(e.target), { recursive: true });
      renameSync(e.backup, e.target);
    }
  }
  try {
    unlinkSync(journalPath(root));
  } catch {
    /* not written yet */
  }
  for (const d of [...j.createdDirs].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      /* not empty (user files) or already gone */
    }
  }
  rmSync(j.staging, { recursive: true, force: true });
}

/** Roll back an interrupted apply in `root`, if any. Returns true when there was one. */
export function recoverJournal(root: string): boolean {
  const file = journalPath(root);
  if (!existsSync(file)) return false;
  const j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  rollBack(root, j);
  return true;
}
