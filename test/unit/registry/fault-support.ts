// Shared by the registry fault tests: a $GGEN_HOME on a small tmpfs, the CLI, tree snapshots and the fill loop.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setEngineConfig } from '../../../engine/config';
import { PackError } from '../../../engine/errors';
import { openStore } from '../../../engine/registry/store';
import { canMount, diffTrees, fillTo, makeReadOnly, mountTmpfs, removeFiller, snapshotTree } from '../../support/fs-faults';
import { tempDir } from './helpers';
export const ROOT = resolve(__dirname, '../../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const CATALOG = join(ROOT, 'examples/packs');
export const TMPFS = canMount();
export const PAGE = 4096;
export const NO_SPACE = /no space left on the device \(ENOSPC\)/;

export function cli(home: string, args: string[], opts: { spaceCheck?: boolean } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: CATALOG, GGEN_NO_CODE_CACHE: '1', NO_COLOR: '1' };
  if (opts.spaceCheck) delete env.GGEN_NO_SPACE_CHECK;
  else env.GGEN_NO_SPACE_CHECK = '1';
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const store = (home: string) => openStore(home, { bundledDir: CATALOG });

/** The tree of $GGEN_HOME without the caches (list rewrites them; they are not the registry). */
export function tree(home: string): Map<string, string> {
  return new Map([...snapshotTree(home)].filter(([p]) => p !== 'cache' && !p.startsWith('cache/')));
}

/** What `list --installed` shows, read by the engine as any verb reads it. */
export const installed = (home: string) =>
  store(home)
    .summaries('local')
    .map((s) => `${s.name}@${s.version}`);

/** The real CLI's `list --installed --format json`: must work after every failure. */
export function cliInstalled(home: string): string[] {
  const r = cli(home, ['list', '--installed', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { data: { name: string; version: string }[] }).data.map((s) => `${s.name}@${s.version}`);
}

/** A failed CLI run: the exit code, a one-paragraph message (no stack), the cause named. */
export function assertCliFailure(r: ReturnType<typeof cli>, code: number, cause: RegExp, state: RegExp) {
  assert.equal(r.code, code, r.stderr);
  assert.match(r.stderr, cause);
  assert.match(r.stderr, state);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

/** A $GGEN_HOME on a fresh tmpfs (or a plain temp folder where mounting is impossible), prepared with normal space. */
export async function faultHome(prepare: (home: string) => Promise<void>) {
  const m = TMPFS ? mountTmpfs(2048) : null;
  const fsRoot = m ? m.dir : tempDir('registry-faults-');
  const home = join(fsRoot, 'home');
  await prepare(home);
  cliInstalled(home); // warm the caches the CLI writes, so they are not what the faults hit
  return {
    home,
    fsRoot,
    done() {
      if (m) m.unmount();
      else rmSync(fsRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `op` with 0, 1, 2, … free pages until it succeeds. After each failure: exit 4, ENOSPC named, the state
 * `outcome` stated, the tree identical, the registry still readable (the engine every time, the CLI at a few
 * positions, where `cliOp` also runs the same change through the real CLI). Returns the failure count and sites.
 */
export async function stepFreeSpace(
  env: { home: string; fsRoot: string },
  op: () => Promise<unknown>,
  outcome: RegExp,
  cliOp: string[],
): Promise<{ failures: number; sites: Set<string> }> {
  const before = tree(env.home);
  const list = installed(env.home);
  const sites = new Set<string>();
  setEngineConfig({ spaceCheck: false });
  try {
    for (let pages = 0; pages < 200; pages++) {
      fillTo(env.fsRoot, pages * PAGE);
      let error: unknown = null;
      try {
        await op();
      } catch (err) {
        error = err;
      }
      if (error === null) {
        removeFiller(env.fsRoot);
        return { failures: pages, sites };
      }
      const where = `with ${pages} free page(s)`;
      assert.ok(error instanceof PackError, `${where}: a PackError, not ${error instanceof Error ? error.stack : JSON.stringify(error)}`);
      assert.equal(error.exitCode, 4, `${where}: ${error.message}`);
      assert.match(error.message, NO_SPACE, where);
      assert.match(error.message, outcome, where);
      sites.add(/failed while (.*?)(?: \(|:)/.exec(error.message)?.[1] ?? error.message);
      assert.deepEqual(diffTrees(before, tree(env.home)), [], `${where}: ${error.message}`);
      assert.deepEqual(installed(env.home), list, where);
      if (pages % 12 === 0) {
        assertCliFailure(cli(env.home, cliOp), 4, NO_SPACE, outcome);
        assert.deepEqual(diffTrees(before, tree(env.home)), [], `${where}, CLI`);
        assert.deepEqual(cliInstalled(env.home), list, `${where}, CLI list`);
      }
    }
    throw new Error('never succeeded');
  } finally {
    removeFiller(env.fsRoot);
    setEngineConfig({ spaceCheck: true });
  }
}

/** Without a tmpfs: the same change into a read-only registry fails cleanly (EROFS, or EACCES when not root). */
export function readOnlyVariant(home: string, args: string[], state: RegExp) {
  const before = tree(home);
  const list = cliInstalled(home);
  const undo = makeReadOnly(join(home, 'packs'));
  try {
    const r = cli(home, args);
    assertCliFailure(r, undo.kind === 'bind' ? 4 : 6, /read-only \(EROFS\)|permission denied \(EACCES\)/, state);
    assert.deepEqual(diffTrees(before, tree(home)), []);
    assert.deepEqual(cliInstalled(home), list);
  } finally {
    undo();
  }
}

export const leftovers = (home: string) => readdirSync(join(home, 'packs')).filter((n) => n.startsWith('.'));
