// The code cache: the first run writes a cache at exit, the next run uses it (and does not rewrite
// it), a changed bundle gets a new cache, the module is registered like any other, and the cache
// folder is private and lives under $GGEN_HOME, not in a shared temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LOADER = resolve(__dirname, '../../../engine/util/compile-cache.ts');

function run(bundle: string, tmp: string) {
  const script = `const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
const out = loadWithCodeCache(${JSON.stringify(bundle)}, 'test');
console.log(JSON.stringify({ value: out.value(20), cached: require.cache[${JSON.stringify(bundle)}]?.exports === out }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: tmp, GGEN_NO_CODE_CACHE: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { value: number; cached: boolean };
}

test('a bundle runs through a per-user code cache written at exit and reused after', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'packs-cc-'));
  const bundle = join(tmp, 'bundle.js');
  writeFileSync(bundle, 'exports.value = function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };\n');

  assert.deepEqual(run(bundle, tmp), { value: 6765, cached: true });
  const dir = join(tmp, 'cache', 'v8');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const [cache] = readdirSync(dir);
  assert.ok(cache !== undefined && cache.endsWith('.bin'), 'the first run leaves a cache');
  const written = statSync(join(dir, cache)).mtimeMs;

  assert.deepEqual(run(bundle, tmp), { value: 6765, cached: true });
  assert.deepEqual(readdirSync(dir), [cache]);
  assert.equal(statSync(join(dir, cache)).mtimeMs, written, 'an accepted cache is not rewritten');

  writeFileSync(bundle, 'exports.value = function (n) { return n * 2; };\n');
  assert.deepEqual(run(bundle, tmp), { value: 40, cached: true });
  assert.equal(readdirSync(dir).length, 2, 'a changed bundle gets its own cache');
});
