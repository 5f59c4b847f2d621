// Killed at a random point, a regenerate never leaves a half-written baseline store: kill -9 a
// regenerate of a 300-file pack (~20 KB a file, ~6 MB of store) whose every file changed, at seeded
// moments, from the store layout and from the legacy `.packs/baseline/` layout (the migrating run).
// After each kill the next run (`regenerate --dry-run`) succeeds, the store parses completely, and
// every file in packs.lock has its baseline (in the store, or still in the legacy folder) equal to
// the file on disk. The kill moments spread over 0.3–1.2 × a clean run's duration, and a kill after
// completion satisfies the same checks, so the test does not depend on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BASELINE_DIR, BASELINE_STORE, openBaselines, parseBaselines } from '../../engine/apply/baseline-store';
import { readLock } from '../../engine/apply/lockfile';
import { tempDir, writePack } from '../unit/registry/helpers';
import { seededRandom } from '../support/seeded-random';

const CLI = resolve(__dirname, '../../dist/cli.js');
const FILES = 300;
const RUNS = 10;
const SEED = 20261215;

/** The pack's files at `version`: ~20 KB each, copied verbatim (no rendering, so the run's time is its writes). */
const packFiles = (version: string) => {
  const filler = Array.from({ length: 400 }, (_, l) => `line ${l} of a generated file, ${version}`).join('\n');
  return Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [`templates/main/d${i % 10}/f${i}.txt`, `${version} ${i}\n${filler}\n`]),
  );
};

const home = tempDir('packs-store-crash-home-');
const env = { ...process.env, GGEN_HOME: home, NO_COLOR: '1' };

const runSync = (cwd: string, args: string[]) => {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return Date.now() - t0;
};

/** Start the command and kill it with SIGKILL after `ms`; resolves when it is gone. */
function killAfter(cwd: string, args: string[], ms: number): Promise<void> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: 'ignore' });
    const timer = setTimeout(() => p.kill('SIGKILL'), ms);
    p.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** A fresh copy of the starting state: hard links, since the writers replace files by rename. */
function resetFrom(pristine: string, work: string): void {
  rmSync(work, { recursive: true, force: true });
  const r = spawnSync('cp', ['-al', pristine, work]);
  assert.equal(r.status, 0, String(r.stderr));
}

/** Turn a project's store into the legacy layout: one file per baseline, no store. */
function toLegacy(proj: string): void {
  const { entries } = parseBaselines(readFileSync(join(proj, BASELINE_STORE), 'utf8'));
  mkdirSync(join(proj, BASELINE_DIR));
  for (const [sha, content] of entries) writeFileSync(join(proj, BASELINE_DIR, sha), content);
  rmSync(join(proj, BASELINE_STORE));
}

/** The invariant after any kill and the next run: a complete store, and a baseline for every locked file equal to it. */
function assertConsistent(proj: string, what: string): 'old' | 'new' {
  const lock = readLock(proj);
  assert.ok(lock, `${what}: packs.lock is there`);
  if (existsSync(join(proj, BASELINE_STORE))) {
    const store = parseBaselines(readFileSync(join(proj, BASELINE_STORE), 'utf8'));
    assert.equal(store.header, true, `${what}: the store has its header`);
    assert.deepEqual(store.badLines, [], `${what}: every line of the store is a valid entry`);
  } else assert.ok(existsSync(join(proj, BASELINE_DIR)), `${what}: no store, so the legacy folder must still be there`);
  const baselines = openBaselines(proj);
  for (const f of lock.files) {
    const base = baselines.get(f.sha256);
    assert.ok(base, `${what}: the baseline of ${f.path} (${f.sha256}) is stored`);
    assert.ok(base.equals(readFileSync(join(proj, f.path))), `${what}: the baseline of ${f.path} is the file as generated`);
  }
  return readFileSync(join(proj, 'd0/f0.txt'), 'utf8').startsWith('v2 ') ? 'new' : 'old';
}

for (const [n, layout] of (['store', 'legacy'] as const).entries()) {
  test(`kill -9 at ${RUNS} random points of a regenerate (${FILES} files, ${layout} layout): the baselines stay complete`, async (t) => {
    // The pack lives beside the project (packs.lock records it as `path:../pack`), so copies keep both.
    const pristine = tempDir('packs-store-crash-start-');
    const pack = { name: 'big', version: '1.0.0', templates: ['main'], projectName: 'required' as const };
    writePack(pristine, { ...pack, files: packFiles('v1') }, 'pack');
    runSync(pristine, ['generate', './pack', '--output', 'proj', '--var', 'project_name=a']);
    if (layout === 'legacy') toLegacy(join(pristine, 'proj'));
    writePack(pristine, { ...pack, files: packFiles('v2') }, 'pack'); // every file (and baseline) changes
    const args = ['regenerate', 'proj'];
    // How long a clean run takes here and now, and that it migrates.
    const done = tempDir('packs-store-crash-done-');
    resetFrom(pristine, done);
    const duration = runSync(done, args);
    assert.equal(assertConsistent(join(done, 'proj'), 'clean run'), 'new');
    assert.ok(!existsSync(join(done, 'proj', BASELINE_DIR)), 'a clean run leaves no legacy folder');

    const rnd = seededRandom(SEED + n);
    const outcomes = { old: 0, new: 0 };
    const work = tempDir('packs-store-crash-run-');
    for (let i = 0; i < RUNS; i++) {
      resetFrom(pristine, work);
      const at = Math.round(duration * (0.3 + 0.9 * rnd()));
      await killAfter(work, args, at);
      const what = `run ${i} (killed after ${at} ms of ~${duration}, seed ${SEED + n})`;
      runSync(work, ['regenerate', 'proj', '--dry-run']); // recovers an interrupted run first
      outcomes[assertConsistent(join(work, 'proj'), what)]++;
    }
    t.diagnostic(`${layout}: ${outcomes.old} rolled back, ${outcomes.new} complete (clean run ${duration} ms)`);
  });
}
