import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { applyWrites, type WriteRequest } from '../../../engine/apply/apply';
import { journalPath, recoverJournal } from '../../../engine/apply/journal';
import { GenerationError, PermissionError } from '../../../engine/errors';
import { tempDir } from '../generate/fixture';

const req = (path: string, content: string, extra: Partial<WriteRequest> = {}): WriteRequest => ({
  path,
  content: Buffer.from(content),
  mode: 0o644,
  pack: 'p',
  template: 't',
  skipIfExists: false,
  ...extra,
});

/** Every file under `dir`, relative, sorted (empty when `dir` is missing). */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const r = rel ? `${rel}/${n}` : n;
      if (statSync(join(d, n)).isDirectory()) walk(join(d, n), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

test('writes every file with its mode; leaves no staging folder or journal behind', () => {
  const base = tempDir();
  const out = join(base, 'deep', 'out');
  const r = applyWrites([req('a.txt', 'A'), req('bin/run.sh', '#!/bin/sh\n', { mode: 0o755 })], { output: out });
  assert.deepEqual(tree(out), ['a.txt', 'bin/run.sh']);
  assert.equal(statSync(join(out, 'bin/run.sh')).mode & 0o777, 0o755);
  assert.deepEqual(
    r.files.map((f) => f.action),
    ['create', 'create'],
  );
  assert.deepEqual(readdirSync(join(base, 'deep')), ['out']);
  assert.equal(existsSync(journalPath(out)), false);
});

test('a failure in the middle leaves no file and no new folder', () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'keep.txt'), 'mine');
  const files = [req('a.txt', 'A'), req('x/b.txt', 'B'), req('keep.txt', 'new'), req('y/z/c.txt', 'C')];
  assert.throws(() => applyWrites(files, { output: out, overwrite: true, faultAfterMoves: { count: 3 } }), GenerationError);
  assert.deepEqual(tree(out), ['keep.txt']);
  assert.equal(readFileSync(join(out, 'keep.txt'), 'utf8'), 'mine');
  assert.deepEqual(readdirSync(dirname(out)), ['out']);
});

test('a crash mid-way is rolled back from the journal by the next apply', () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'keep.txt'), 'mine');
  applyWrites([req('keep.txt', 'new'), req('a.txt', 'A'), req('b.txt', 'B')], {
    output: out,
    overwrite: true,
    faultAfterMoves: { count: 2, crash: true },
  });
  assert.ok(existsSync(journalPath(out)), 'the crash leaves a journal');
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'A');
  assert.equal(recoverJournal(out), true);
  assert.deepEqual(tree(out), ['keep.txt']);
  assert.equal(readFileSync(join(out, 'keep.txt'), 'utf8'), 'mine');
  assert.deepEqual(readdirSync(dirname(out)), ['out'], 'staging folder removed');
});

test('existing files are never overwritten without overwrite: all conflicts listed, nothing written', () => {
  const out = tempDir();
  writeFileSync(join(out, 'a.txt'), 'old a');
  writeFileSync(join(out, 'b.txt'), 'old b');
  writeFileSync(join(out, 'same.txt'), 'same');
  const files = [req('a.txt', 'A'), req('b.txt', 'B'), req('same.txt', 'same'), req('new.txt', 'N')];
  assert.throws(
    () => applyWrites(files, { output: out }),
    (e: unknown) => {
      assert.ok(e instanceof GenerationError);
      assert.equal(e.exitCode, 4);
      assert.deepEqual(
        e.issues.map((i) => i.file),
        ['a.txt', 'b.txt'],
      );
      return true;
    },
  );
  assert.deepEqual(tree(out), ['a.txt', 'b.txt', 'same.txt']);
  const r = applyWrites(files, { output: out, overwrite: true });
  assert.deepEqual(
    r.files.map((f) => f.action),
    ['overwrite', 'overwrite', 'unchanged', 'create'],
  );
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'A');
  assert.ok(r.backupDir);
  assert.equal(readFileSync(join(r.backupDir, 'a.txt'), 'utf8'), 'old a');
  assert.equal(readFileSync(join(r.backupDir, 'b.txt'), 'utf8'), 'old b');
});

test('skip_if_exists files are skipped silently and reported', () => {
  const out = tempDir();
  writeFileSync(join(out, 'cfg.txt'), 'user edit');
  const r = applyWrites([req('cfg.txt', 'default', { skipIfExists: true }), req('n.txt', 'n', { skipIfExists: true })], { output: out });
  assert.deepEqual(
    r.files.map((f) => [f.path, f.action]),
    [
      ['cfg.txt', 'skip'],
      ['n.txt', 'create'],
    ],
  );
  assert.equal(readFileSync(join(out, 'cfg.txt'), 'utf8'), 'user edit');
});

test('dry run writes nothing and still checks paths and conflicts', () => {
  const out = join(tempDir(), 'out');
  const r = applyWrites([req('a.txt', 'AAAA')], { output: out, dryRun: true });
  assert.deepEqual(r.files, [{ path: 'a.txt', pack: 'p', template: 't', bytes: 4, action: 'create' }]);
  assert.equal(existsSync(out), false);
  assert.throws(() => applyWrites([req('../x', 'x')], { output: out, dryRun: true }), PermissionError);
});

test('escapes are rejected with a permission error before anything is written', () => {
  const base = tempDir();
  const out = join(base, 'out');
  mkdirSync(out);
  mkdirSync(join(base, 'outside'));
  symlinkSync(join(base, 'outside'), join(out, 'link'));
  for (const bad of ['../x.txt', '/etc/x', 'a/../../x', 'link/x.txt', 'C:/x']) {
    assert.throws(
      () => applyWrites([req('fine.txt', 'f'), req(bad, 'x')], { output: out }),
      (e: unknown) => e instanceof PermissionError && e.exitCode === 6,
      bad,
    );
  }
  assert.deepEqual(
    tree(out).filter((f) => f !== 'link'),
    [],
  );
  assert.deepEqual(readdirSync(join(base, 'outside')), []);
});

test('a write that fails for permissions is rolled back and reported as a permission error', () => {
  const out = tempDir();
  mkdirSync(join(out, 'ro'));
  chmodSync(join(out, 'ro'), 0o555);
  if (process.getuid?.() !== 0) {
    assert.throws(() => applyWrites([req('a.txt', 'A'), req('ro/b.txt', 'B')], { output: out }), PermissionError);
  } else {
    // Root ignores directory permissions, so the same apply runs as `nobody` in a child process.
    chmodSync(out, 0o777);
    const script = `
      const { applyWrites } = require(${JSON.stringify(resolve(__dirname, '../../../engine/apply/apply.ts'))});
      const req = (path) => ({ path, content: Buffer.from(path), mode: 0o644, pack: 'p', template: 't', skipIfExists: false });
      try { applyWrites([req('a.txt'), req('ro/b.txt')], { output: ${JSON.stringify(out)} }); console.log('no error'); }
      catch (e) { console.log(e.name + ' ' + e.code); }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      env: { ...process.env, HOME: tmpdir() },
    });
    assert.equal(r.stdout.trim(), 'PackError permission', r.stderr);
  }
  assert.deepEqual(tree(out), []);
});
