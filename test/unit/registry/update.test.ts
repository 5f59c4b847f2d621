// `ggen-pack update`: within the installed major by default, across majors with --latest (with what
// breaks listed), --check and --dry-run change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeCatalog, tempDir } from './helpers';

const CLI = resolve(__dirname, '../../../dist/cli.js');

test('update stays within the major unless --latest, and reports breaking changes', () => {
  const catalog = makeCatalog([
    { name: 'app', version: '1.0.0', templates: ['web', 'api'] },
    { name: 'app', version: '1.2.0', templates: ['web', 'api'] },
    { name: 'app', version: '2.0.0', templates: ['web'] },
  ]);
  const home = tempDir();
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const localVersions = () =>
    readdirSync(join(home, 'packs'))
      .filter((f) => f.startsWith('app@'))
      .map((f) => f.slice(4))
      .sort();

  assert.equal(cli('install', 'app@1.0.0').code, 0);
  const check = JSON.parse(cli('update', '--check', '--format', 'json').stdout).data;
  assert.deepEqual(
    check.updates.map((u: { to: string }) => u.to),
    ['1.2.0'],
  );
  assert.deepEqual(check.held, [{ name: 'app', version: '1.0.0', newest: '2.0.0' }]);
  assert.equal(cli('update', '--dry-run').code, 0);
  assert.deepEqual(localVersions(), ['1.0.0'], '--check and --dry-run install nothing');

  const up = cli('update');
  assert.equal(up.code, 0, up.stderr);
  assert.match(up.stdout, /app {2}1\.0\.0 → 1\.2\.0 {2}\(installed\)/);
  assert.match(up.stdout, /app 2\.0\.0 is a new major version .*--latest/);
  assert.deepEqual(localVersions(), ['1.0.0', '1.2.0']);

  const latest = cli('update', 'app', '--latest', '--format', 'json');
  assert.equal(latest.code, 0, latest.stderr);
  const u = JSON.parse(latest.stdout).data.updates[0];
  assert.deepEqual([u.from, u.to, u.major], ['1.2.0', '2.0.0', true]);
  assert.deepEqual(u.breaking, ['template `api` was removed (`--template api` stops working)']);
  assert.match(latest.stderr, /crosses a major version: template `api` was removed/);
  assert.equal(cli('update', 'nothing-here').code, 7);
});
