#!/usr/bin/env node
// Distribution numbers (issue 9), printed, never asserted:
//   node --import tsx test/bench/registry-bench.mjs
// - install of a catalog pack from a local Verdaccio, whole process, into a fresh $GGEN_HOME (cold
//   cache: metadata fetched, tarball downloaded, verified and extracted; target < 1 s);
// - install of the same pack from a bundle made by `export`;
// - search across local + remote with 10,000 packs in the local registry.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startVerdaccio } from '../support/verdaccio.ts';
import { median, spawnTimed } from './pairs.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = Number(process.env.BENCH_REGISTRY_RUNS ?? 7);
const PACK = 'k8s-manifests';
const work = mkdtempSync(join(tmpdir(), 'packs-registry-bench-'));
const empty = mkdtempSync(join(work, 'empty-catalog-'));
let n = 0;
const env = (home) => ({ ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: empty, NO_COLOR: '1' });
const freshHome = (url) => {
  const h = join(work, `home-${n++}`);
  spawnSync('mkdir', ['-p', h]);
  if (url) writeFileSync(join(h, 'config.toml'), `[registries]\nteam = "${url}"\n`);
  return h;
};
const run = (home, args) => spawnTimed(process.execPath, [CLI, ...args], { cwd: home, env: env(home) });

const reg = await startVerdaccio();
try {
  run(freshHome(null), ['publish', join(ROOT, 'examples/packs', PACK), '--registry', reg.url, '--token', reg.token]);

  // Each run is a new home: no metadata and no tarball from before. "cold": no V8 code cache either (a
  // first run ever); "warm": the code cache of an earlier run copied in (a machine that ran ggen-pack before).
  const installMs = [];
  for (let i = 0; i < RUNS; i++) installMs.push(run(freshHome(reg.url), ['install', PACK]).ms);
  const seed = freshHome(reg.url);
  run(seed, ['install', PACK]);
  run(seed, ['install', PACK, '--force']);
  const warmMs = [];
  for (let i = 0; i < RUNS; i++) {
    const h = freshHome(reg.url);
    cpSync(join(seed, 'cache', 'v8'), join(h, 'cache', 'v8'), { recursive: true });
    warmMs.push(run(h, ['install', PACK]).ms);
  }

  const src = freshHome(reg.url);
  run(src, ['install', PACK]);
  const bundle = join(work, `${PACK}.tar.gz`);
  run(src, ['export', PACK, '--output', bundle]);
  const bundleMs = [];
  for (let i = 0; i < RUNS; i++) bundleMs.push(run(freshHome(null), ['install', '--source', bundle]).ms);

  const big = freshHome(reg.url);
  const made = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'make-registry.mjs'), big, '10000'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (made.status !== 0) throw new Error('make-registry.mjs failed');
  run(big, ['search', 'kubernetes']); // builds the persisted local search index once
  const searchMs = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = run(big, ['search', 'kubernetes', '--format', 'json']);
    searchMs.push(r.ms);
    hits = JSON.parse(r.stdout).data.filter((h) => h.source === 'remote').length;
  }

  const fmt = (t) => `${median(t).toFixed(0)} ms (median of ${t.length}; min ${Math.min(...t).toFixed(0)})`;
  console.log(
    [
      '',
      'Registries (issue 9): whole process, `node dist/cli.js`, fresh $GGEN_HOME per run, Verdaccio on 127.0.0.1',
      `  install ${PACK} from Verdaccio (target < 1 s): ${fmt(warmMs)} with the V8 code cache of an earlier run; ${fmt(installMs)} cold`,
      `  install ${PACK} from a bundle:                 ${fmt(bundleMs)}`,
      `  search local (10,000 packs) + remote:          ${fmt(searchMs)}; ${hits} remote hit(s) merged`,
    ].join('\n'),
  );
} finally {
  await reg.dispose();
  rmSync(work, { recursive: true, force: true });
}
