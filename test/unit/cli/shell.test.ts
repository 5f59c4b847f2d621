// The CLI shell: every verb of SPEC §3 is listed; bad arguments exit 2 with one JSON
// document when --format json is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadAllVerbs } from '../../../engine/cli/verbs';
import { ENGINE_VERSION, GGEN_PACK_FORMAT_VERSION } from '../../../engine/version';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const SPEC_VERBS = [
  'list',
  'search',
  'show',
  'info',
  'install',
  'uninstall',
  'update',
  'clean',
  'generate',
  'regenerate',
  'compose',
  'merge',
  'plan',
  'validate',
  'lint',
  'check',
  'create',
  'init',
  'publish',
  'score',
  'benchmark',
  'tree',
  'diff',
  'export',
  'import',
];

test('--help lists all 25 verbs', async () => {
  const VERBS = await loadAllVerbs();
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.equal(SPEC_VERBS.length, 25);
  for (const v of SPEC_VERBS) assert.match(r.stdout, new RegExp(`^  ${v} `, 'm'), v);
  assert.deepEqual(VERBS.map((v) => v.name).sort(), [...SPEC_VERBS].sort());
});

test('--version prints the engine version and the ggen pack format it implements', () => {
  const r = run('--version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), `ggen-pack ${ENGINE_VERSION} (ggen pack format ${GGEN_PACK_FORMAT_VERSION})`);
});

test('an unknown option exits 2; with --format json stdout is one envelope', () => {
  const r = run('list', '--no-such-flag', '--format', 'json');
  assert.equal(r.status, 2);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.error.code, 'validation');
  assert.match(doc.error.message, /no-such-flag/);
});

test('an unknown verb exits 2', () => {
  assert.equal(run('frobnicate').status, 2);
});
