/**
 * A journal of renames: the one mechanism every writer (apply, the registry) uses to replace things
 * on disk without ever losing the old version.
 *
 * The writer prepares everything that needs new data first (staged files, folders, the journal file
 * itself). Only then does it move: each step is a `rename` within one file system, which needs no
 * new data blocks, so a full disk cannot stop a step half-way, and every step can be undone by the
 * reverse rename. Whether a move happened is read off the disk, never remembered: a move is done
 * when its source is gone and its destination exists. So a rollback — right after a failure, or by
 * the next process after a kill — undoes exactly the moves that happened, in reverse order, and can
 * be interrupted and run again.
 */
import { processAlive } from './process-alive';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';

export interface Move {
  /** Absolute path moved from. */
  from: string;
  /** Absolute path moved to (must not exist when the move runs). */
  to: string;
  /** The move puts an original (a user's file, an installed pack) aside: reported if it cannot go back. */
  original?: true;
  /**
   * Identity of what moves, inode and modification time (recorded by runMoves; a rename keeps both). A
   * rollback only moves back what is still that very file: one saved there after a kill is someone else's, and stays.
   */
  id?: string;
}

export interface MoveJournal {
  version: 2;
  /** The writing process: a journal whose writer still runs is not a crash, and is never rolled back by another. */
  pid?: number;
  /** The moves, in the order they run. */
  moves: Move[];
  /** Folders created for the moves (parents first): removed again by a rollback when empty. */
  createdDirs: string[];
  /** Removed once the moves are committed or rolled back: staging folders, old versions moved aside. */
  cleanup: string[];
}

/** What a rollback achieved: `stranded` lists the originals it could not put back, and where they are. */
export interface RollbackReport {
  complete: boolean;
  stranded: { wanted: string; safeAt: string }[];
  /** Why undoing a move failed, one line each. */
  errors: string[];
}

const exists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

const identity = (p: string): string | null => {
  try {
    const st = lstatSync(p);
    return `${st.ino}:${st.mtimeMs}`;
  } catch {
    return null;
  }
};

/** A move happened when its source is gone and its destination is there (and is still what moved). */
function state(m: Move): 'done' | 'not-done' | 'replaced' {
  if (exists(m.from)) return 'not-done';
  const id = identity(m.to);
  if (id === null) return 'not-done';
  return m.id === undefined || m.id === id ? 'done' : 'replaced';
}

/**
 * Write the journal durably (write, fsync): once per run, before the first move. No temp file: a
 * kill mid-write leaves a torn journal, which recovery knows to mean "nothing moved yet" (moves
 * start only after the fsync), so there is never a leftover temp file to clean up.
 */
export function writeMoveJournal(file: string, journal: MoveJournal): void {
  try {
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, JSON.stringify({ ...journal, pid: process.pid }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
}

/** Thrown by `runMoves` when a move failed; `rollback` says whether the old state is back. */
export class MoveFailure extends Error {
  constructor(
    readonly failed: Move,
    readonly error: NodeJS.ErrnoException,
    readonly rollback: RollbackReport,
  ) {
    super(`moving ${failed.from} to ${failed.to} failed: ${error.message}`, { cause: error });
    this.name = 'MoveFailure';
  }
}

export interface RunMovesOptions {
  /**
   * Runs after the journal is on disk, before the first move: make the folders the moves need there
   * (listed in `createdDirs` beforehand), so a kill while making them leaves folders the next
   * rollback removes. If it throws, the journal is rolled back (nothing has moved) and the error rethrown.
   */
  prepare?: () => void;
  /** Tests only: called before move N (0-based); throwing there is a failed move, `'crash'` stops as a kill would. */
  beforeMove?: (index: number, move: Move) => void | 'crash';
}

/**
 * Journal and run `journal.moves`. On a failed move, rolls back and throws MoveFailure; the journal
 * stays on disk when the rollback could not finish, so the next run finishes it. Returns false only
 * when `beforeMove` simulated a crash (journal left, as after a kill).
 */
export function runMoves(file: string, journal: MoveJournal, opts: RunMovesOptions = {}): boolean {
  for (const m of journal.moves) {
    const id = identity(m.from);
    if (id !== null) m.id = id;
  }
  writeMoveJournal(file, journal);
  if (opts.prepare) {
    try {
      opts.prepare();
    } catch (err) {
      rollBackMoves(file, journal);
      throw err;
    }
  }
  for (const [i, m] of journal.moves.entries()) {
    try {
      if (opts.beforeMove?.(i, m) === 'crash') return false;
      renameSync(m.from, m.to);
    } catch (err) {
      throw new MoveFailure(m, err as NodeJS.ErrnoException, rollBackMoves(file, journal));
    }
  }
  finishJournal(file, journal);
  return true;
}

/** Undo the moves that happened (newest first), drop the folders made for them, then the journal. */
export function rollBackMoves(file: string, journal: MoveJournal): RollbackReport {
  const errors: string[] = [];
  for (const m of [...journal.moves].reverse()) {
    const st = state(m);
    if (st === 'replaced') errors.push(`${m.to} was replaced by another program after the interrupted run; it is left as it is`);
    if (st !== 'done') continue;
    try {
      renameSync(m.to, m.from);
    } catch (err) {
      errors.push(`${m.to} → ${m.from}: ${(err as Error).message}`);
    }
  }
  const stranded = journal.moves.filter((m) => m.original && exists(m.to)).map((m) => ({ wanted: m.from, safeAt: m.to }));
  if (errors.length || stranded.length) return { complete: false, stranded, errors };
  for (const d of [...journal.createdDirs].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      /* not empty (someone else's files) or already gone */
    }
  }
  finishJournal(file, journal);
  return { complete: true, stranded, errors };
}

/** The journal is gone first (so nothing is rolled back twice), then what it told us to clean up. */
function finishJournal(file: string, journal: MoveJournal): void {
  try {
    unlinkSync(file);
  } catch {
    /* never written (nothing moved) */
  }
  for (const c of journal.cleanup) {
    try {
      rmSync(c, { recursive: true, force: true });
    } catch {
      /* a leftover; the next run's sweep removes it */
    }
  }
}

/**
 * Read a journal left by an interrupted run: null when there is none, 'torn' when a kill cut its
 * writing short (then nothing has moved). Understands version 1 (apply journals before 0.2).
 */
export function readMoveJournal(file: string): MoveJournal | 'torn' | null {
  if (!existsSync(file)) return null;
  let raw: Partial<MoveJournal> & LegacyJournal;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<MoveJournal> & LegacyJournal;
  } catch {
    return 'torn';
  }
  if (raw.version === 2 && Array.isArray(raw.moves)) return raw as MoveJournal;
  return fromLegacy(raw);
}

interface LegacyJournal {
  staging?: string;
  entries?: { target: string; staged: string; backup?: string }[];
  createdDirs?: string[];
}

function fromLegacy(j: LegacyJournal): MoveJournal {
  const moves = (j.entries ?? []).flatMap((e) => [
    ...(e.backup ? [{ from: e.target, to: e.backup, original: true as const }] : []),
    { from: e.staged, to: e.target },
  ]);
  return { version: 2, moves, createdDirs: j.createdDirs ?? [], cleanup: j.staging ? [j.staging] : [] };
}

/** Whether the process that wrote a journal is still running (then it is mid-run, not crashed). */
function writerAlive(journal: MoveJournal): boolean {
  return journal.pid !== undefined && journal.pid !== process.pid && processAlive(journal.pid);
}

/** Roll back the journal at `file`, if any and if its writer is dead. Null when there was none; 'busy' when its writer runs. */
export function recoverMoveJournal(file: string): RollbackReport | 'busy' | null {
  const journal = readMoveJournal(file);
  if (!journal) return null;
  if (journal === 'torn') {
    // Its writer died writing it, before any move: there is nothing to undo.
    rmSync(file, { force: true });
    return { complete: true, stranded: [], errors: [] };
  }
  return writerAlive(journal) ? 'busy' : rollBackMoves(file, journal);
}

/** One line per stranded original ("package.json is safe in .packs/backup/…/package.json"), paths shown by `show`. */
export function describeStranded(report: RollbackReport, show: (abs: string) => string): string[] {
  return report.stranded.map((s) => `${show(s.wanted)} is safe in ${show(s.safeAt)}`);
}
