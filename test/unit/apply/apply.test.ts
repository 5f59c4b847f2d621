import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { applyWrites, type WriteRequest } from '../../../engine/apply/apply';
import { journalPath, recoverProject } from '../../../engine/apply/recover';
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
  assert.throws(
    () =>
      applyWrites(files, {
        output: out,
        overwrite: true,
        beforeMove: (i) => {
          if (i === 3) throw new Error('injected fault');
        },
      }),
    GenerationError,
  );
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
    beforeMove: (i) => (i === 3 ? 'crash' : undefined),
  });
  assert.ok(existsSync(journalPath(out)), 'the crash leaves a journal');
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'A');
  assert.equal(recoverProject(out).rolledBack, true);
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

test('a file another process deletes mid-apply: everything is rolled back and the message says a file vanished', () => {
  const out = tempDir();
  writeFileSync(join(out, 'a.txt'), 'old a');
  writeFileSync(join(out, 'b.txt'), 'old b');
  const files = [req('new.txt', 'N'), req('a.txt', 'A'), req('b.txt', 'B')];
  assert.throws(
    () =>
      applyWrites(files, {
        output: out,
        overwrite: true,
        // Just before b.txt is moved aside, someone removes it.
        beforeMove: (_i, m) => {
          if (m.from === join(out, 'b.txt')) rmSync(m.from);
        },
      }),
    (e: unknown) =>
      e instanceof GenerationError &&
      /failed at b\.txt: a file or folder vanished \(removed by another process\?\) \(ENOENT\); every change was rolled back/.test(
        e.message,
      ),
  );
  assert.deepEqual(tree(out), ['a.txt']);
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'old a');
  assert.equal(existsSync(journalPath(out)), false);
});

test('a file deleted between plan and apply is simply created', () => {
  const out = tempDir();
  writeFileSync(join(out, 'a.txt'), 'old a');
  const files = [req('a.txt', 'A')];
  rmSync(join(out, 'a.txt'));
  const r = applyWrites(files, { output: out, overwrite: true });
  assert.deepEqual(
    r.files.map((f) => f.action),
    ['create'],
  );
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'A');
});

test('a file saved into the project after a kill is never taken by the rollback: it stays, and the original is reported safe', () => {
  const out = tempDir();
  writeFileSync(join(out, 'a.txt'), 'old a');
  applyWrites([req('a.txt', 'A'), req('b.txt', 'B')], { output: out, overwrite: true, beforeMove: (i) => (i === 2 ? 'crash' : undefined) });
  // The user opens the half-applied project and saves a.txt before running ggen-pack again.
  rmSync(join(out, 'a.txt'));
  writeFileSync(join(out, 'a.txt'), 'typed after the crash');
  assert.throws(
    () => recoverProject(out),
    (e: unknown) => e instanceof GenerationError && /a\.txt is safe in \.packs\/backup\/[^/]+\/a\.txt/.test(e.message),
  );
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'typed after the crash');
  assert.ok(existsSync(journalPath(out)), 'the journal stays until the user decides');
});

test('leftovers of a killed run (staging folders of dead processes) are swept by the next run', () => {
  const base = tempDir();
  const out = join(base, 'out');
  mkdirSync(join(out, '.packs', 'staging-999999999-abc'), { recursive: true });
  mkdirSync(join(base, '.out.packs-staging-999999999-abc'));
  mkdirSync(join(out, '.packs', `staging-${process.pid}-live`));
  const r = recoverProject(out);
  assert.equal(r.swept.length, 2);
  assert.deepEqual(readdirSync(join(out, '.packs')), [`staging-${process.pid}-live`]);
  assert.deepEqual(readdirSync(base), ['out']);
});
