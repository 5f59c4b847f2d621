// The move journal is what every writer relies on to lose nothing: these tests stop it at every
// point — after each move, and again at each point of the rollback — and check the next recovery
// always brings back the exact starting state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MoveFailure,
  readMoveJournal,
  recoverMoveJournal,
  rollBackMoves,
  runMoves,
  writeMoveJournal,
  type MoveJournal,
} from '../../../engine/fs/move-journal';
import { diffTrees, snapshotTree } from '../../support/fs-faults';
import { tempDir } from '../generate/fixture';

/** A project with two files to replace and one to create, staged the way apply stages them. */
function scene() {
  const root = tempDir();
  const stage = join(root, '.stage');
  mkdirSync(stage);
  mkdirSync(join(root, 'backup'));
  writeFileSync(join(root, 'a.txt'), 'old a');
  writeFileSync(join(root, 'b.txt'), 'old b');
  for (const n of ['a', 'b', 'c']) writeFileSync(join(stage, n), `new ${n}`);
  const journal: MoveJournal = {
    version: 2,
    moves: [
      { from: join(root, 'a.txt'), to: join(root, 'backup', 'a.txt'), original: true },
      { from: join(stage, 'a'), to: join(root, 'a.txt') },
      { from: join(root, 'b.txt'), to: join(root, 'backup', 'b.txt'), original: true },
      { from: join(stage, 'b'), to: join(root, 'b.txt') },
      { from: join(stage, 'c'), to: join(root, 'c.txt') },
    ],
    createdDirs: [],
    cleanup: [stage],
  };
  return { root, journal, file: join(root, 'journal.json'), before: userTree(root) };
}

/** The tree without the staging folder, which a commit or a rollback removes either way. */
function userTree(root: string) {
  return new Map([...snapshotTree(root)].filter(([p]) => !p.startsWith('.stage')));
}

test('all moves done: the new files are in place, the originals in backup, the journal and staging gone', () => {
  const { root, journal, file } = scene();
  assert.equal(runMoves(file, journal), true);
  assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'new a');
  assert.equal(readFileSync(join(root, 'backup', 'b.txt'), 'utf8'), 'old b');
  assert.equal(readFileSync(join(root, 'c.txt'), 'utf8'), 'new c');
  assert.equal(existsSync(file), false);
  assert.equal(existsSync(join(root, '.stage')), false);
});

test('a kill after any number of moves, then a kill at any point of the rollback: the next recovery restores every byte', () => {
  const n = scene().journal.moves.length;
  for (let done = 0; done <= n; done++) {
    for (let undone = 0; undone <= done; undone++) {
      const { root, journal, file, before } = scene();
      // Killed after `done` moves (the journal on disk, as runMoves writes it first).
      runMoves(file, journal, { beforeMove: (i) => (i === done ? 'crash' : undefined) });
      if (done === n) {
        // runMoves finished; recreate what a kill just before its cleanup would have left.
        mkdirSync(join(root, '.stage'));
        writeMoveJournal(file, journal);
      }
      // A first recovery killed after undoing `undone` of them (newest first).
      const onDisk = readMoveJournal(file) as MoveJournal;
      for (const m of onDisk.moves.slice(0, done).reverse().slice(0, undone)) renameSync(m.to, m.from);
      const report = recoverMoveJournal(file);
      assert.ok(report && report !== 'busy' && report.complete, `recovered after ${done} moves / ${undone} undone`);
      assert.deepEqual(diffTrees(before, userTree(root)), [], `after ${done} moves, ${undone} undone`);
      assert.equal(existsSync(file), false);
    }
  }
});

test('a failing move rolls back at once and reports complete; the journal is gone', () => {
  const { root, journal, file, before } = scene();
  assert.throws(
    () =>
      runMoves(file, journal, {
        beforeMove: (i) => {
          if (i === 3) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    (e: unknown) => e instanceof MoveFailure && e.rollback.complete && e.failed === journal.moves[3],
  );
  assert.deepEqual(diffTrees(before, userTree(root)), []);
  assert.equal(existsSync(file), false);
});

test('a rollback that cannot finish keeps the journal and says where each original is', () => {
  const { root, journal, file } = scene();
  runMoves(file, journal, { beforeMove: (i) => (i === 4 ? 'crash' : undefined) });
  // Someone puts a folder where a.txt must come back: the reverse rename cannot happen.
  rmSync(join(root, 'a.txt'));
  mkdirSync(join(root, 'a.txt'));
  writeFileSync(join(root, 'a.txt', 'x'), 'in the way');
  const report = rollBackMoves(file, journal);
  assert.equal(report.complete, false);
  assert.deepEqual(report.stranded, [{ wanted: join(root, 'a.txt'), safeAt: join(root, 'backup', 'a.txt') }]);
  assert.equal(readFileSync(join(root, 'backup', 'a.txt'), 'utf8'), 'old a', 'the original is untouched');
  assert.ok(existsSync(file), 'the journal stays for the next run');
  assert.equal(readFileSync(join(root, 'b.txt'), 'utf8'), 'old b', 'what could be restored was');
});

test('a journal torn by a kill while it was written means nothing moved: recovery removes it and touches nothing else', () => {
  const { root, journal, file, before } = scene();
  writeMoveJournal(file, journal);
  const whole = readFileSync(file, 'utf8');
  writeFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));
  assert.equal(readMoveJournal(file), 'torn');
  const report = recoverMoveJournal(file);
  assert.ok(report && report !== 'busy' && report.complete);
  assert.equal(existsSync(file), false);
  assert.deepEqual(diffTrees(before, userTree(root)), []);
  assert.ok(existsSync(join(root, '.stage', 'a')), "staged files are not touched (their sweep is the writer's business)");
});

test('a journal whose writer still runs is left alone', () => {
  const { file, journal } = scene();
  writeMoveJournal(file, journal);
  const onDisk = JSON.parse(readFileSync(file, 'utf8')) as MoveJournal;
  writeFileSync(file, JSON.stringify({ ...onDisk, pid: process.ppid }));
  assert.equal(recoverMoveJournal(file), 'busy');
  assert.ok(existsSync(file));
});

test('a version-1 apply journal (before 0.2) is read as the same moves', () => {
  const root = tempDir();
  const file = join(root, 'journal.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      staging: '/s',
      entries: [
        { target: '/t/a', staged: '/s/0', backup: '/b/a' },
        { target: '/t/c', staged: '/s/1' },
      ],
      createdDirs: ['/t'],
    }),
  );
  assert.deepEqual(readMoveJournal(file), {
    version: 2,
    moves: [
      { from: '/t/a', to: '/b/a', original: true },
      { from: '/s/0', to: '/t/a' },
      { from: '/s/1', to: '/t/c' },
    ],
    createdDirs: ['/t'],
    cleanup: ['/s'],
  });
});
