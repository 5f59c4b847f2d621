// SPEC §9 journeys 1 (one pack), 2 (a composition) and 3 (author a pack), run verbatim against the
// built CLI on a fresh $GGEN_HOME, offline: the bundled catalog is the only source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { BASELINE_STORE, openBaselines } from '../../engine/apply/baseline-store';

const CLI = resolve(__dirname, '../../dist/cli.js');

function session() {
  const cwd = mkdtempSync(join(tmpdir(), 'packs-journey-'));
  const home = join(cwd, '.ggen-home');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1', GGEN_BUNDLED_DIR: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const json = (...args: string[]) => {
    const r = run(...args, '--format', 'json');
    return { ...r, doc: JSON.parse(r.stdout) };
  };
  return { cwd, home, run, json };
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
  );

test('journey 1: search, show, install, generate startup-pack', () => {
  const s = session();

  const search = s.run('search', 'startup microservice');
  assert.equal(search.code, 0, search.stderr);
  assert.match(search.stdout, /startup-pack/);
  const ranked = s.json('search', 'startup microservice').doc;
  assert.equal(ranked.ok, true);
  assert.equal(ranked.data[0].name, 'startup-pack', 'startup-pack ranks first for "startup microservice"');

  const show = s.run('show', 'startup-pack');
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /1\.2\.\d/);
  assert.match(show.stdout, /devops-pack/);

  const install = s.run('install', 'startup-pack');
  assert.equal(install.code, 0, install.stderr);
  const installed = s
    .json('list', '--installed')
    .doc.data.map((p: { name: string }) => p.name)
    .sort();
  assert.deepEqual(installed, ['devops-pack', 'monitoring-pack', 'startup-pack']);

  const gen = s.run('generate', 'startup-pack', '--output', 'my-startup', '--var', 'project_name=myapp', '--var', 'api_port=8080');
  assert.equal(gen.code, 0, gen.stderr);
  const out = join(s.cwd, 'my-startup');
  const files = walk(out);
  assert.ok(files.length >= 10, `expected a real project, got ${files.join(', ')}`);
  const lock = parseToml(readFileSync(join(out, 'packs.lock'), 'utf8')) as {
    lock_version: number;
    packs: { name: string; version: string; integrity: string }[];
    variables: Record<string, unknown>;
    files: { path: string; pack: string; sha256: string }[];
  };
  assert.equal(lock.lock_version, 1);
  assert.deepEqual(lock.packs.map((p) => p.name).sort(), ['devops-pack', 'monitoring-pack', 'startup-pack']);
  assert.ok(lock.packs.every((p) => p.integrity.startsWith('sha512-')));
  assert.equal(lock.variables.project_name, 'myapp');
  assert.equal(lock.variables.api_port, 8080);
  // every generated file is in the lock with a baseline (in the one store file) whose content is what is on disk
  const baselines = openBaselines(out);
  assert.ok(existsSync(join(out, BASELINE_STORE)) && !existsSync(join(out, '.packs/baseline')), 'one baseline store');
  for (const f of lock.files) {
    assert.ok(existsSync(join(out, f.path)), `${f.path} listed in packs.lock exists`);
    assert.ok(baselines.get(f.sha256), `baseline of ${f.path}`);
  }
  assert.ok(new Set(lock.files.map((f) => f.pack)).size === 3, 'files come from all three packs');
  // the variables reached the files
  const all = lock.files.map((f) => readFileSync(join(out, f.path), 'utf8')).join('\n');
  assert.match(all, /myapp/);
  assert.match(all, /8080/);

  // the same inputs again: every file is unchanged, so nothing conflicts
  const same = s.run('generate', 'startup-pack', '--output', 'my-startup', '--var', 'project_name=myapp', '--var', 'api_port=8080');
  assert.equal(same.code, 0, same.stderr);
  // different inputs into the same directory: refused (exit 4), and not one file changes
  const before = lock.files.map((f) => readFileSync(join(out, f.path), 'utf8'));
  const other = s.run('generate', 'startup-pack', '--output', 'my-startup', '--var', 'project_name=otherapp');
  assert.equal(other.code, 4, other.stderr);
  assert.match(other.stderr, /--overwrite/);
  assert.deepEqual(
    lock.files.map((f) => readFileSync(join(out, f.path), 'utf8')),
    before,
  );
});

test('journey 2: plan and compose startup + devops + monitoring from a composition file', () => {
  const s = session();
  writeFileSync(
    join(s.cwd, 'composition.yaml'),
    `name: my-complete-app
packs:
  - name: startup-pack
    version: "^1.2.0"
    variables:
      project_name: myapp
  - name: devops-pack
    version: "^2.0.0"
  - name: monitoring-pack
    version: "^1.0.0"
`,
  );
  const plan = s.run('plan', '--composition-file', 'composition.yaml');
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /startup-pack@1\.2\.\d/);
  assert.match(plan.stdout, /project_name \(required\) = "myapp"/);
  assert.match(plan.stdout, /Conflicts: none/);
  const planned = s.json('plan', '--composition-file', 'composition.yaml').doc.data;
  assert.deepEqual(planned.packs.map((p: { name: string }) => p.name).sort(), ['devops-pack', 'monitoring-pack', 'startup-pack']);

  const compose = s.run('compose', '--composition-file', 'composition.yaml', '--output', 'my-app');
  assert.equal(compose.code, 0, compose.stderr);
  const out = join(s.cwd, 'my-app');
  const lock = parseToml(readFileSync(join(out, 'packs.lock'), 'utf8')) as { packs: { name: string }[]; files: { path: string }[] };
  assert.deepEqual(lock.packs.map((p) => p.name).sort(), ['devops-pack', 'monitoring-pack', 'startup-pack']);
  assert.equal(lock.files.length, planned.files.length);
  for (const f of lock.files) assert.ok(existsSync(join(out, f.path)), f.path);
  assert.match(readFileSync(join(out, 'package.json'), 'utf8'), /"myapp"/);
});

test('journey 3: create, validate, generate, publish --dry-run', () => {
  const s = session();

  const create = s.run('create', '--name', 'my-custom-pack');
  assert.equal(create.code, 0, create.stderr);
  assert.ok(existsSync(join(s.cwd, 'my-custom-pack/pack.toml')));

  const validate = s.run('validate', './my-custom-pack/');
  assert.equal(validate.code, 0, validate.stderr + validate.stdout);
  const report = s.json('validate', './my-custom-pack/').doc;
  assert.equal(report.issues.filter((i: { severity: string }) => i.severity === 'error').length, 0);

  const score = s.json('score', './my-custom-pack/').doc;
  assert.ok(score.data.total >= 40, `a new pack scores Beta or better, got ${score.data.total}`);

  const gen = s.run('generate', './my-custom-pack/', '--output', 'test-project');
  assert.equal(gen.code, 0, gen.stderr);
  assert.ok(walk(join(s.cwd, 'test-project')).some((f) => !f.startsWith('.packs') && f !== 'packs.lock'));

  // A fresh scaffold does not yet reach the > 80 maturity gate: the dry run lists what fails and exits 2.
  const publish = s.run('publish', './my-custom-pack/', '--dry-run');
  assert.equal(publish.code, score.data.total > 80 ? 0 : 2, publish.stdout + publish.stderr);
  assert.match(publish.stdout + publish.stderr, /maturity|score/i);
});
