// kill -9 during an install from a real Verdaccio (startup-pack with its two dependencies, all only on
// the registry): whatever the moment — fetching metadata, downloading, extracting into the cache,
// staging, moving — the index is then either as before or complete, and the next run leaves no
// scratch folder and installs everything. The moments come from a seeded generator spread over
// 0.2–1.2 × a clean run's duration, so on a slow machine they land earlier; every outcome is checked
// for consistency, none is required, so the test does not depend on the machine's speed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { seededRandom } from '../../support/seeded-random';
import { startVerdaccio, type Verdaccio } from '../../support/verdaccio';
import { CATALOG, CLI, EMPTY_CATALOG, cli, home, installed, leftovers, temp } from './support';

const RUNS = 12;
const SEED = 20261201;
let reg: Verdaccio;

before(async () => {
  reg = await startVerdaccio();
  for (const p of ['devops-pack', 'monitoring-pack', 'startup-pack']) {
    const r = cli(temp('packs-pub-'), ['publish', join(CATALOG, p), '--registry', reg.url, '--token', reg.token]);
    assert.equal(r.status, 0, `${p}: ${r.stderr}`);
  }
});
after(async () => {
  await reg?.dispose();
});

function killAfter(h: string, ms: number): Promise<void> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [CLI, 'install', 'startup-pack'], {
      cwd: h,
      env: { ...process.env, GGEN_HOME: h, GGEN_BUNDLED_DIR: EMPTY_CATALOG, GGEN_NO_CODE_CACHE: '1' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), ms);
    p.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

test(`kill -9 at ${RUNS} random moments of a remote install: consistent index, no leftovers after the next run`, async () => {
  const t0 = Date.now();
  const clean = cli(home(reg.url), ['install', 'startup-pack']);
  assert.equal(clean.status, 0, clean.stderr);
  const duration = Date.now() - t0;
  const random = seededRandom(SEED);
  const all = ['devops-pack', 'monitoring-pack', 'startup-pack'];
  for (let i = 0; i < RUNS; i++) {
    const h = home(reg.url);
    const at = Math.round(duration * (0.2 + random()));
    await killAfter(h, at);
    // Any reader recovers an interrupted transaction first; the index is all or nothing.
    const l = cli(h, ['list', '--source', 'local']);
    assert.equal(l.status, 0, `run ${i} (killed at ${at} ms): ${l.stderr}`);
    const names = installed(h).map((x) => x.split('@')[0]);
    assert.ok(names.length === 0 || names.join() === all.join(), `run ${i} (killed at ${at} ms): index holds ${names.join(', ')}`);
    const again = cli(h, ['install', 'startup-pack']);
    assert.equal(again.status, 0, `run ${i}: ${again.stderr}`);
    assert.deepEqual(
      installed(h).map((x) => x.split('@')[0]),
      all,
    );
    assert.deepEqual(leftovers(h), [], `run ${i} (killed at ${at} ms)`);
  }
});
