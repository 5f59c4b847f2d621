// One writer per project and per registry: writers started at the same moment never interleave.
// Five `generate --overwrite` runs with different values into one project must end in a tree that
// equals one clean run exactly (they wait for each other on .packs/lock), and ten parallel installs
// into one $GGEN_HOME must leave one consistent registry. Each is repeated, since an interleaving
// bug shows only now and then; whichever order the runs take, the assertions hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffTrees, snapshotTree } from '../support/fs-faults';
import { tempDir, writePack } from '../unit/registry/helpers';

const CLI = resolve(__dirname, '../../dist/cli.js');
const catalog = tempDir('packs-conc-catalog-');
writePack(catalog, {
  name: 'alpha',
  version: '1.0.0',
  templates: ['main'],
  projectName: 'required',
  files: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`templates/main/f${i}.txt.mustache`, `{{project_name}} file ${i}\n`])),
});

const env = (home: string) => ({ ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1' });

function run(cwd: string, home: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: env(home), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stderr }));
  });
}

/** A project tree without the time-stamped backup folders (the baseline store holds exactly the last run's baselines). */
function userTree(dir: string): Map<string, string> {
  return new Map([...snapshotTree(dir)].filter(([p]) => !p.startsWith('.packs/backup')));
}

test('five generate --overwrite runs at once into one project end as exactly one of them', async () => {
  const base = tempDir('packs-conc-');
  const home = join(base, 'home');
  const values = ['v1', 'v2', 'v3', 'v4', 'v5'];
  // What each run alone produces, on top of the same starting project.
  const clean = new Map<string, Map<string, string>>();
  for (const v of values) {
    const dir = join(base, `ref-${v}`);
    assert.equal(
      spawnSync(process.execPath, [CLI, 'generate', 'alpha', '--output', dir, '--var', 'project_name=v0'], { env: env(home) }).status,
      0,
    );
    const r = spawnSync(process.execPath, [CLI, 'generate', 'alpha', '--output', dir, '--var', `project_name=${v}`, '--overwrite'], {
      env: env(home),
    });
    assert.equal(r.status, 0, r.stderr.toString());
    clean.set(v, userTree(dir));
  }
  for (let round = 0; round < 3; round++) {
    const dir = join(base, `project-${round}`);
    assert.equal((await run(base, home, ['generate', 'alpha', '--output', dir, '--var', 'project_name=v0'])).code, 0);
    const results = await Promise.all(
      values.map((v) => run(base, home, ['generate', 'alpha', '--output', dir, '--var', `project_name=${v}`, '--overwrite'])),
    );
    for (const r of results) assert.equal(r.code, 0, `round ${round}: ${r.stderr}`);
    const got = userTree(dir);
    const match = values.find((v) => diffTrees(clean.get(v)!, got).length === 0);
    assert.ok(
      match,
      `round ${round}: the tree matches none of the clean runs:\n${diffTrees(clean.get('v1')!, got).slice(0, 10).join('\n')}`,
    );
    assert.deepEqual(
      readdirSync(join(dir, '.packs')).filter((n) => n !== 'backup' && n !== 'baselines.jsonl'),
      [],
      'no lock, journal or staging left',
    );
  }
});

test('ten installs at once into one registry leave it consistent', async () => {
  for (let round = 0; round < 2; round++) {
    const base = tempDir('packs-conc-reg-');
    const home = join(base, 'home');
    const results = await Promise.all(Array.from({ length: 10 }, () => run(base, home, ['install', 'alpha'])));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const list = spawnSync(process.execPath, [CLI, 'list', '--installed', '--format', 'json'], { env: env(home), encoding: 'utf8' });
    const packs = (JSON.parse(list.stdout) as { data: { name: string; version: string }[] }).data;
    assert.deepEqual(
      packs.map((p) => `${p.name}@${p.version}`),
      ['alpha@1.0.0'],
    );
    assert.deepEqual(
      readdirSync(join(home, 'packs')).filter((n) => n.startsWith('.')),
      [],
      'no lock, journal or scratch folder left',
    );
  }
});
