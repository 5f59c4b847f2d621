// File-system faults in the local registry lose nothing: a full disk at any point of an install, a reinstall, an
// import or an uninstall, a read-only registry, a failed move, a rollback that cannot finish and a kill each leave
// $GGEN_HOME byte for byte as it was (or recoverable by the next run), with a true message and exit 4 (6 for
// EACCES/EPERM). Real faults: $GGEN_HOME on a small tmpfs filled to an exact number of free 4 KiB pages
// (test/support/fs-faults.ts). Where this machine cannot mount, each fault test asserts the read-only variant instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importBundle } from '../../../engine/archive/import-bundle';
import { bundleEntries, writeBundle } from '../../../engine/archive/write-bundle';
import { installPack } from '../../../engine/registry/install';
import { resolvePackArg } from '../../../engine/registry/resolve-arg';
import { uninstallPack } from '../../../engine/registry/uninstall';
import { resolveGraph } from '../../../engine/resolve';
import { diffTrees, fillTo, removeFiller } from '../../support/fs-faults';
import { tempDir } from './helpers';
import {
  ROOT,
  TMPFS,
  PAGE,
  cli,
  store,
  tree,
  installed,
  cliInstalled,
  assertCliFailure,
  faultHome,
  stepFreeSpace,
  readOnlyVariant,
  leftovers,
} from './fault-support';

test('a full disk at every point of installing a pack with dependencies installs nothing', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'rust-cli', undefined);
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack'], /nothing was installed/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      () => installPack(store(env.home), 'startup-pack', undefined),
      /nothing was installed and the registry is as it was/,
      ['install', 'startup-pack'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    for (const site of [
      'copying devops-pack@2.1.0',
      'copying monitoring-pack@1.1.0',
      'copying startup-pack@1.2.0',
      'writing the new index',
    ])
      assert.ok(sites.has(site), `${site} in ${[...sites].join(', ')}`);
    assert.deepEqual(installed(env.home), ['devops-pack@2.1.0', 'monitoring-pack@1.1.0', 'rust-cli@1.0.0', 'startup-pack@1.2.0']);
    assert.deepEqual(leftovers(env.home), []);
  } finally {
    env.done();
  }
});

test('a full disk at every point of a reinstall (install --force) keeps the installed copy', async (t) => {
  // startup-pack alone installed: --force replaces it and installs its two dependencies.
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack', '--force'], /nothing was installed/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      async () => {
        const r = await installPack(store(env.home), 'startup-pack', undefined, { force: true });
        assert.equal(r.steps.find((s) => s.name === 'startup-pack')?.action, 'reinstall');
      },
      /nothing was installed and the registry is as it was/,
      ['install', 'startup-pack', '--force'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    assert.equal(installed(env.home).length, 3);
    assert.deepEqual(leftovers(env.home), []);
  } finally {
    env.done();
  }
});

test('a full disk at every point of an import installs none of the bundle', async (t) => {
  const bundle = join(tempDir('registry-faults-bundle-'), 'startup.tar.gz');
  const s = store(tempDir());
  const packs = resolveGraph(s, resolvePackArg(s, ROOT, 'startup-pack')).packs;
  writeBundle(bundle, bundleEntries(packs).entries);
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined, { noDependencies: true });
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['import', bundle, '--force'], /nothing was imported/);
    }
    const { failures, sites } = await stepFreeSpace(
      env,
      () => importBundle(store(env.home), bundle, { force: true }),
      /nothing was imported and the registry is as it was/,
      ['import', bundle, '--force'],
    );
    t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
    assert.ok(failures >= 30, `failed at ${failures} positions`);
    assert.deepEqual(installed(env.home), ['devops-pack@2.1.0', 'monitoring-pack@1.1.0', 'startup-pack@1.2.0']);
    assert.match(readFileSync(join(env.home, 'packs', 'index.jsonl'), 'utf8'), /"from":"bundle:/);
  } finally {
    env.done();
    rmSync(dirname(bundle), { recursive: true, force: true });
  }
});

test('a full disk during uninstall removes nothing; a read-only registry refuses install and uninstall', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'startup-pack', undefined);
  });
  try {
    if (TMPFS) {
      const { failures, sites } = await stepFreeSpace(
        env,
        () => Promise.resolve(uninstallPack(store(env.home), 'startup-pack')),
        /nothing was uninstalled and the registry is as it was/,
        ['uninstall', 'startup-pack'],
      );
      t.diagnostic(`failed cleanly at ${failures} positions, while ${[...sites].join('; ')}`);
      assert.ok(failures >= 1);
      assert.deepEqual(installed(env.home), []);
      assert.deepEqual(leftovers(env.home), []);
      await installPack(store(env.home), 'startup-pack', undefined);
    }
    readOnlyVariant(env.home, ['install', 'rust-cli'], /nothing was installed/);
    readOnlyVariant(env.home, ['uninstall', 'startup-pack'], /nothing was uninstalled/);
  } finally {
    env.done();
  }
});

test('with the space check on, a too-full disk is refused up front', async (t) => {
  const env = await faultHome(async (home) => {
    await installPack(store(home), 'rust-cli', undefined);
  });
  try {
    if (!TMPFS) {
      t.diagnostic('cannot mount a tmpfs here: asserting the read-only registry instead');
      return readOnlyVariant(env.home, ['install', 'startup-pack'], /nothing was installed/);
    }
    const before = tree(env.home);
    fillTo(env.fsRoot, 16 * PAGE);
    const r = cli(env.home, ['install', 'startup-pack'], { spaceCheck: true });
    assertCliFailure(
      r,
      4,
      /Not enough space for installing startup-pack@1\.2\.0 into .*packs: it needs about \d+ KB, and its file system has 64 KB free\./,
      /Nothing was installed\./,
    );
    assert.doesNotMatch(r.stderr, /^installing /m, 'refused before copying anything');
    assert.deepEqual(diffTrees(before, tree(env.home)), []);
    assert.deepEqual(cliInstalled(env.home), ['rust-cli@1.0.0']);
  } finally {
    removeFiller(env.fsRoot);
    env.done();
  }
});
