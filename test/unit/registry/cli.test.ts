import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeCatalog, tempDir } from './helpers';

// Runs the built CLI (node esbuild.mjs first) against a temp GGEN_HOME and a fixture catalog.
const catalog = makeCatalog([
  {
    name: 'startup-pack',
    version: '1.2.0',
    deps: { 'devops-pack': '^2.0.0' },
    category: 'startup',
    tags: ['microservice'],
    description: 'Startup with a microservice',
  },
  { name: 'devops-pack', version: '2.1.0', category: 'devops', tags: ['docker'] },
  { name: 'devops-pack', version: '3.0.0', category: 'devops' },
  { name: 'broken-pack', version: '1.0.0', deps: { 'devops-pack': '^9.0.0' } },
]);
function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args, '--format', 'json'], {
    env: { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog },
    encoding: 'utf8',
  });
  return { code: r.status, json: JSON.parse(r.stdout) };
}

test('list and search print arrays of pack summaries', () => {
  const home = tempDir();
  const list = cli(home, 'list');
  assert.equal(list.code, 0);
  assert.deepEqual(
    list.json.data.map((s: { name: string }) => s.name),
    ['broken-pack', 'devops-pack', 'startup-pack'],
  );
  assert.deepEqual(Object.keys(list.json.data[0]).sort(), [
    'category',
    'description',
    'installed',
    'name',
    'source',
    'tags',
    'title',
    'version',
  ]);
  assert.deepEqual(
    cli(home, 'list', '--category', 'devops').json.data.map((s: { version: string }) => s.version),
    ['3.0.0'],
  );
  assert.deepEqual(cli(home, 'list', '--tag', 'microservice').json.data.length, 1);
  assert.equal(cli(home, 'list', '--limit', '1').json.data.length, 1);
  assert.equal(cli(home, 'list', '--source', 'remote').json.data.length, 0);
  assert.equal(cli(home, 'list', '--limit', 'x').code, 2);
  assert.equal(cli(home, 'list', '--source', 'moon').code, 2);
  const search = cli(home, 'search', 'startp microservce');
  assert.equal(search.code, 0);
  assert.equal(search.json.data[0].name, 'startup-pack');
  const none = cli(home, 'search', 'qqqqzzzz');
  assert.deepEqual([none.code, none.json.ok, none.json.data], [0, true, []]);
});

test('show, info and tree; not found exits 7, resolution 3, bad args 2', () => {
  const home = tempDir();
  const show = cli(home, 'show', 'startup-pack');
  assert.equal(show.code, 0);
  assert.equal(show.json.data.dependencies[0].name, 'devops-pack');
  assert.equal(show.json.data.dependencies[0].available, '2.1.0');
  const only = cli(home, 'show', 'startup-pack', '--show-dependencies').json.data;
  assert.ok('dependencies' in only && !('templates' in only));
  assert.equal(cli(home, 'info', 'devops-pack', '--version', '^2').json.data.version, '2.1.0');
  assert.equal(cli(home, 'info', 'devops-pack@^2', '--version', '^3').code, 2);
  const nf = cli(home, 'show', 'startp-pack');
  assert.equal(nf.code, 7);
  assert.equal(nf.json.error.code, 'not-found');
  assert.match(nf.json.error.hint, /startup-pack/);
  const tree = cli(home, 'tree', 'startup-pack').json.data;
  assert.equal(tree.dependencies[0].name, 'devops-pack');
  assert.equal(tree.dependencies[0].version, '2.1.0');
  const bad = cli(home, 'install', 'broken-pack');
  assert.equal(bad.code, 3);
  assert.match(bad.json.error.message, /no version of devops-pack satisfies \^9\.0\.0 \(required by broken-pack@1\.0\.0\)/);
});

test('install, uninstall and clean through the CLI', () => {
  const home = tempDir();
  const inst = cli(home, 'install', 'startup-pack');
  assert.equal(inst.code, 0);
  assert.deepEqual(
    inst.json.data.steps.map((s: { name: string; action: string }) => `${s.name}:${s.action}`),
    ['devops-pack:install', 'startup-pack:install'],
  );
  assert.ok(existsSync(join(home, 'packs', 'startup-pack@1.2.0', 'pack.toml')));
  assert.equal(cli(home, 'list', '--installed').json.data.length, 2);
  assert.equal(cli(home, 'uninstall', 'devops-pack').code, 3);
  const un = cli(home, 'uninstall', 'startup-pack');
  assert.equal(un.code, 0);
  assert.equal(un.json.data.removed.length, 2);
  assert.equal(cli(home, 'uninstall', 'startup-pack').code, 7);
  const clean = cli(home, 'clean', '--all');
  assert.equal(clean.code, 0);
  assert.deepEqual(
    clean.json.data.removed.map((r: { name: string }) => r.name),
    ['cache', 'downloads'],
  );
});
