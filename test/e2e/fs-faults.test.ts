// File-system faults lose nothing (README "Reliability"): on a real, small tmpfs, every write of a
// generate, an --overwrite, a regenerate, a compose and a merge is made to fail in turn, by leaving
// one more page free each time, until the run succeeds. After every failure the tree is byte for byte
// what it was and the message says what happened; the run that finally succeeds gives the same tree
// as on a roomy disk. Also: the pre-flight space check, a read-only folder inside the project, and
// the issue's own case (a hand-edited ts-http-service project on a full 400 KB disk).
//
// Mounting needs root (CI runs as root). Without it the same positions are reached through a
// fault-injecting layer (test/support/enospc-preload.cjs, loaded into the CLI with --require) that
// fails writes past a byte budget the way tmpfs does, and the read-only folder is made with chmod.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canMount, copyTree, diffTrees, fillTo, makeReadOnly, mountTmpfs, removeFiller, snapshotTree } from '../support/fs-faults';
import { tempDir, writePack } from '../unit/registry/helpers';

const CLI = resolve(__dirname, '../../dist/cli.js');
const PAGE = 4096;
const FILES = 36;

/** Two packs of FILES small files each (one page per file on tmpfs), so each write is one position. */
const files = (tag: string) =>
  Object.fromEntries(
    Array.from({ length: FILES }, (_, i) => [
      `templates/main/${tag}/f${i}.txt.mustache`,
      `{{project_name}} ${tag} file ${i}\n\nbody\n\nfooter\n`,
    ]),
  );
const catalog = tempDir('packs-faults-catalog-');
for (const name of ['alpha', 'beta']) {
  writePack(catalog, { name, version: '1.0.0', templates: ['main'], projectName: 'required', files: files(name) });
}
const home = tempDir('packs-faults-home-');

function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const mounts: { unmount(): void }[] = [];
after(() => mounts.forEach((m) => m.unmount()));
// GGEN_TEST_NO_MOUNT=1 runs the fallback on a machine that could mount, to keep it working.
const mountable = !process.env.GGEN_TEST_NO_MOUNT && canMount();
const PRELOAD = resolve(__dirname, '../support/enospc-preload.cjs');

/** A folder on a small disk of its own: a real tmpfs, or (not root) a temp folder the preload layer limits. */
function disk(sizeKiB: number): string {
  if (!mountable) return tempDir('packs-faults-disk-');
  const m = mountTmpfs(sizeKiB);
  assert.ok(m, 'tmpfs mount');
  mounts.push(m);
  return m.dir;
}

/** Leave `bytes` free for the next run under `root`; returns the environment that run needs. */
function limitSpace(root: string, bytes: number): Record<string, string> {
  if (mountable) {
    fillTo(root, bytes);
    return {};
  }
  return { NODE_OPTIONS: `--require ${PRELOAD}`, GGEN_TEST_ENOSPC_DIR: root, GGEN_TEST_ENOSPC_FREE: String(bytes) };
}

/** A tree for comparing a run's result with the same run elsewhere: backup folders are named by time. */
function normalized(dir: string): Map<string, string> {
  return new Map([...snapshotTree(dir)].map(([p, v]) => [p.replace(/^(.*\.packs\/backup\/)[^/]+/, '$1<stamp>'), v]));
}

interface Scenario {
  name: string;
  /** Make the starting state inside `root` (a folder on the small disk, or a roomy one for the reference run). */
  setup(root: string): void;
  /** The command under test, run in `root`. */
  args: string[];
  /** About how many pages the command writes (each file one, packs.lock and the baseline store one each): positions are spread over them, about 36 in all. */
  pages: number;
}

const gen = (name: string, extra: string[] = []) => ['generate', 'alpha', '--output', 'proj', '--var', `project_name=${name}`, ...extra];
const scenarios: Scenario[] = [
  { name: 'generate into a new folder', setup: () => {}, args: gen('a'), pages: FILES + 2 },
  {
    name: 'generate --overwrite over a hand-edited project',
    setup: (root) => {
      assert.equal(cli(root, gen('a')).code, 0);
      appendFileSync(join(root, 'proj/alpha/f0.txt'), 'my edit\n');
    },
    args: gen('b', ['--overwrite']),
    pages: FILES + 2,
  },
  {
    name: 'regenerate with a new value over a hand edit',
    setup: (root) => {
      assert.equal(cli(root, gen('a')).code, 0);
      appendFileSync(join(root, 'proj/alpha/f1.txt'), '\nmy edit\n');
    },
    args: ['regenerate', 'proj', '--var', 'project_name=b'],
    pages: FILES + 2,
  },
  {
    name: 'compose of two packs over an earlier composition',
    setup: (root) => {
      const first = cli(root, [
        'compose',
        '--packs',
        'alpha,beta',
        '--output',
        'proj',
        '--var',
        'project_name=a',
        '--resolve-conflicts',
        'overwrite',
      ]);
      assert.equal(first.code, 0, first.stderr);
    },
    args: ['compose', '--packs', 'alpha,beta', '--output', 'proj', '--var', 'project_name=b', '--resolve-conflicts', 'overwrite'],
    pages: 2 * FILES + 2,
  },
  {
    name: 'merge of one generated tree into another',
    setup: (root) => {
      assert.equal(cli(root, gen('a')).code, 0);
      assert.equal(cli(root, ['generate', 'beta', '--output', 'src', '--var', 'project_name=b']).code, 0);
    },
    args: ['merge', 'src', 'proj', '--strategy', 'overwrite'],
    pages: FILES,
  },
];

for (const s of scenarios) {
  test(`${s.name}: a write failing at any point leaves every byte as it was`, () => {
    // The same run on a roomy disk: what success must look like.
    const reference = tempDir('packs-faults-ref-');
    s.setup(reference);
    assert.equal(cli(reference, s.args).code, 0, 'reference run');
    const want = normalized(reference);

    const root = join(disk(4096), 'work');
    mkdirSync(root);
    s.setup(root);
    const before = snapshotTree(root);
    const failures: number[] = [];
    const step = Math.max(1, Math.floor(s.pages / 36));
    for (let free = 0; ; free += step) {
      const r = cli(root, s.args, { ...limitSpace(root, free * PAGE), GGEN_NO_SPACE_CHECK: '1' });
      if (r.code === 0) break;
      assert.equal(r.code, 4, `${free} pages free: ${r.stderr}`);
      assert.match(r.stderr, /no space left on the device \(ENOSPC\)/, `${free} pages free`);
      assert.match(r.stderr, /nothing was (changed|written)|every change was rolled back/, `${free} pages free`);
      assert.doesNotMatch(r.stderr, /rollback could not finish/);
      assert.deepEqual(diffTrees(before, snapshotTree(root)), [], `${free} pages free: the tree changed\n${r.stderr}`);
      failures.push(free);
      assert.ok(free < 400, 'the run never succeeded');
    }
    assert.ok(failures.length >= 30, `only ${failures.length} failure positions`);
    removeFiller(root);
    assert.deepEqual(diffTrees(want, normalized(root)), [], 'the successful run matches the run on a roomy disk');
  });
}

test('with the space check on, a disk too full is refused up front: exit 4, nothing touched', () => {
  const root = join(disk(1024), 'work');
  mkdirSync(root);
  scenarios[1]!.setup(root);
  const before = snapshotTree(root);
  const r = cli(root, gen('b', ['--overwrite']), limitSpace(root, 2 * PAGE));
  assert.equal(r.code, 4, r.stderr);
  assert.match(
    r.stderr,
    /Not enough space to write into .*proj: this run needs about \d+ KB, and its file system has 8 KB free\. Nothing was changed\./,
  );
  assert.match(r.stderr, /Free at least \d+ KB/);
  assert.deepEqual(diffTrees(before, snapshotTree(root)), []);
});

test("the issue's case: a hand-edited ts-http-service project on a full 400 KB disk keeps package.json, packs.lock and src/server.ts", () => {
  const dir = disk(400);
  const bundled = { GGEN_BUNDLED_DIR: resolve(__dirname, '../../examples/packs') };
  const svc = (name: string, extra: string[] = []) => [
    'generate',
    'ts-http-service',
    '--output',
    'svc',
    '--var',
    `project_name=${name}`,
    ...extra,
  ];
  assert.equal(cli(dir, svc('svc'), bundled).code, 0);
  appendFileSync(join(dir, 'svc/package.json'), '\n');
  const before = snapshotTree(dir);
  const full = limitSpace(dir, PAGE);
  for (const check of [true, false]) {
    const r = cli(dir, svc('svc2', ['--overwrite']), { ...full, ...bundled, ...(check ? {} : { GGEN_NO_SPACE_CHECK: '1' }) });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, check ? /Not enough space/ : /ENOSPC\); nothing was changed/);
    assert.deepEqual(diffTrees(before, snapshotTree(dir)), []);
  }
  removeFiller(dir);
  const again = cli(dir, ['regenerate', 'svc', '--dry-run'], bundled);
  assert.equal(again.code, 0, again.stderr);
});

test('a read-only folder inside the project: the run fails, says so, and changes nothing', () => {
  const root = join(disk(2048), 'work');
  mkdirSync(root);
  scenarios[1]!.setup(root);
  const before = snapshotTree(root);
  const undo = makeReadOnly(join(root, 'proj/alpha'));
  try {
    for (const args of [gen('b', ['--overwrite']), ['regenerate', 'proj', '--var', 'project_name=b']]) {
      const r = cli(root, args);
      assert.ok(r.code === 4 || r.code === 6, `${args[0]}: exit ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, undo.kind === 'bind' ? /read-only \(EROFS\)/ : /permission denied \(EACCES\)/, args[0]);
      assert.match(r.stderr, /nothing was changed|every change was rolled back/, args[0]);
      assert.deepEqual(diffTrees(before, snapshotTree(root)), [], args[0]);
    }
  } finally {
    undo();
  }
  const r = cli(root, gen('b', ['--overwrite']));
  assert.equal(r.code, 0, `writable again: ${r.stderr}`);
});

test('a project that is the root of its own file system (a mount point) is written in place', () => {
  // Staging lives inside the project, so renames never cross from the parent folder's file system.
  const ref = tempDir('packs-faults-mp-');
  scenarios[1]!.setup(ref);
  const dir = disk(2048);
  copyTree(join(ref, 'proj'), dir);
  const r = cli(ref, ['generate', 'alpha', '--output', dir, '--var', 'project_name=c', '--overwrite']);
  assert.equal(r.code, 0, r.stderr);
});
