// Killed at a random point, a run loses nothing: kill -9 generate, generate --overwrite, regenerate
// and install of a 1,000-file pack at random moments (30 runs each), then run any verb once; the
// tree must then be exactly the untouched one or exactly the complete one. The kill moments come from
// a seeded generator spread over 0.3–1.2 × a clean run's duration, so on a slow machine they simply land
// earlier in the run; both outcomes are accepted, so the test does not depend on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { recoverProject } from '../../engine/apply/recover';
import { copyTree, diffTrees, snapshotTree } from '../support/fs-faults';
import { tempDir, writePack } from '../unit/registry/helpers';
import { seededRandom } from '../support/seeded-random';

const CLI = resolve(__dirname, '../../dist/cli.js');
const FILES = 1000;
const RUNS = 30;
const SEED = 20261201;

const catalog = tempDir('packs-crash-catalog-');
writePack(catalog, { name: 'small', version: '1.0.0', templates: ['main'] });
writePack(catalog, {
  name: 'big',
  version: '1.0.0',
  templates: ['main'],
  projectName: 'required',
  files: Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [`templates/main/d${i % 20}/f${i}.txt.mustache`, `{{project_name}} file ${i}\n`]),
  ),
});

const env = (home: string) => ({ ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1' });

const runSync = (cwd: string, home: string, args: string[]) => {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: env(home), encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return Date.now() - t0;
};

/** Start the command and kill it with SIGKILL after `ms`; resolves when it is gone. */
function killAfter(cwd: string, home: string, args: string[], ms: number): Promise<void> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: env(home), stdio: 'ignore' });
    const timer = setTimeout(() => p.kill('SIGKILL'), ms);
    p.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** A tree to compare: backup folders are named by time; a dead owner's lock is taken over by the next writer; caches are caches. */
function normalized(dir: string): Map<string, string> {
  return new Map(
    [...snapshotTree(dir)]
      .filter(([p]) => !/^(cache|packs\/\.lock|proj\/\.packs\/lock)(\/|$)/.test(p))
      .map(([p, v]) => [p.replace(/(\.packs\/backup\/)[^/]+/, '$1<stamp>'), p === 'packs/index.jsonl' ? indexContent(join(dir, p)) : v]),
  );
}

/** The registry index without what differs between two equal installs (its random stamp, the install time). */
function indexContent(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/"stamp":"[^"]*"/, '"stamp":"<stamp>"')
    .replace(/"installedAt":"[^"]*"/g, '"installedAt":"<time>"');
}

/**
 * A fresh copy of the starting state, fast: hard links, since every writer under test replaces
 * files by rename and never writes into an existing one (so the pristine copy stays pristine).
 */
function resetFrom(pristine: string, work: string): void {
  rmSync(work, { recursive: true, force: true });
  const r = spawnSync('cp', ['-al', pristine, work]);
  assert.equal(r.status, 0, String(r.stderr));
}

interface Scenario {
  name: string;
  /** Where the command writes: a project folder `proj` inside the work folder, or the registry itself. */
  writes: 'project' | 'registry';
  /** The starting state of the work folder (`home` is the shared registry of project scenarios). */
  setup(work: string, home: string): void;
  args: string[];
}

const project = (v: string, extra: string[] = []) => ['generate', 'big', '--output', 'proj', '--var', `project_name=${v}`, ...extra];
const scenarios: Scenario[] = [
  { name: 'generate into a new folder', writes: 'project', setup: () => {}, args: project('a') },
  {
    name: 'generate --overwrite',
    writes: 'project',
    setup: (w, h) => void runSync(w, h, project('a')),
    args: project('b', ['--overwrite']),
  },
  {
    name: 'regenerate',
    writes: 'project',
    setup: (w, h) => void runSync(w, h, project('a')),
    args: ['regenerate', 'proj', '--var', 'project_name=b'],
  },
  // Into a registry that holds a pack already (a first install into an empty $GGEN_HOME may leave
  // the empty packs/ folder it made: readers never delete folders, since a writer may be using it).
  { name: 'install', writes: 'registry', setup: (w) => void runSync(w, w, ['install', 'small']), args: ['install', 'big'] },
];

/** What every verb does first on that project or registry: finish or roll back an interrupted run. */
function nextRun(s: Scenario, work: string): void {
  if (s.writes === 'project') recoverProject(join(work, 'proj'));
  else runSync(work, work, ['list', '--installed']);
}

const sharedHome = tempDir('packs-crash-home-');
runSync(sharedHome, sharedHome, ['install', 'big']);

for (const [n, s] of scenarios.entries()) {
  test(`kill -9 at ${RUNS} random points of ${s.name} (${FILES} files): the next run finds it untouched or complete`, async (t) => {
    // The registry scenario's work folder is the registry ($GGEN_HOME) itself.
    const homeOf = (work: string) => (s.writes === 'registry' ? work : sharedHome);
    const pristine = tempDir('packs-crash-start-');
    s.setup(pristine, homeOf(pristine));
    const before = normalized(pristine);
    // The complete result, and how long a clean run takes here and now.
    const done = tempDir('packs-crash-done-');
    copyTree(pristine, done);
    const duration = runSync(done, homeOf(done), s.args);
    const after = normalized(done);
    assert.notDeepEqual(diffTrees(before, after), [], 'the command changes something');

    const rnd = seededRandom(SEED + n);
    const outcomes = { untouched: 0, complete: 0 };
    const work = tempDir('packs-crash-run-');
    for (let i = 0; i < RUNS; i++) {
      resetFrom(pristine, work);
      // Mostly in the second half, where the writes are (the first is start-up and rendering).
      const at = Math.round(duration * (0.3 + 0.9 * rnd()));
      await killAfter(work, homeOf(work), s.args, at);
      nextRun(s, work);
      const got = normalized(work);
      if (diffTrees(before, got).length === 0) outcomes.untouched++;
      else if (diffTrees(after, got).length === 0) outcomes.complete++;
      else
        assert.fail(
          `run ${i} (killed after ${at} ms of ~${duration}, seed ${SEED + n}): neither untouched nor complete:\n` +
            `against untouched:\n${diffTrees(before, got).slice(0, 6).join('\n')}\nagainst complete:\n${diffTrees(after, got).slice(0, 6).join('\n')}`,
        );
    }
    t.diagnostic(`${s.name}: ${outcomes.untouched} untouched, ${outcomes.complete} complete (clean run ${duration} ms)`);
  });
}
