import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../../../engine/manifest/load';
import { scaffoldPack } from '../../../engine/scaffold';
import { scorePack } from '../../../engine/score';
import { session } from './cli-session';

test('create scaffolds a pack that validates clean and scores at least Beta', () => {
  const s = session();
  const r = s.json('create', '--name', 'my-custom-pack');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.doc.ok, true);
  const dir = join(s.cwd, 'my-custom-pack');
  assert.equal(r.doc.data.dir, dir);
  assert.equal(r.doc.data.template, 'basic');
  assert.equal(r.doc.data.category, 'custom');
  for (const f of ['pack.toml', 'README.md', 'CHANGELOG.md', 'LICENSE', 'templates/project/{{project_name}}/README.md.mustache']) {
    assert.ok(existsSync(join(dir, f)), f);
    assert.ok(r.doc.data.files.includes(f), f);
  }
  assert.match(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'), /^## \[0\.1\.0\] - \d{4}-\d{2}-\d{2}$/m);
  assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /^MIT License/);

  const loaded = loadManifest(dir);
  assert.deepEqual(loaded.issues, []);
  const m = loaded.manifest!;
  assert.equal(m.metadata.name, 'my-custom-pack');
  assert.equal(m.metadata.license, 'MIT');
  assert.equal(m.examples.length, 1);
  assert.ok(
    m.variables.every((v) => v.default !== undefined),
    'every variable has a default so generate works without --var',
  );
  const score = scorePack(m);
  assert.ok(score.total >= 40, `score ${score.total}`);
  assert.ok(score.total <= 80, 'a fresh scaffold is not publishable yet: score lists what it lacks');
  assert.equal(r.doc.data.score.total, score.total);

  const v = s.json('validate', './my-custom-pack/');
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.deepEqual(
    v.doc.issues.filter((i: { severity: string }) => i.severity !== 'info'),
    [],
  );

  // score lists what is missing for the > 80 publish gate.
  const sc = s.run('score', './my-custom-pack');
  assert.equal(sc.code, 0, sc.stderr);
  assert.match(sc.stdout, /Add `homepage` to \[metadata\] \(\+10\)/);
  assert.match(sc.stdout, /more than 80/);
});

test('create --template rdf adds RDF data, a described query and a foreach template', () => {
  const s = session();
  const r = s.json('create', '--name', 'domain-docs', '--template', 'rdf', '--category', 'documentation', '--output', 'packs/domain-docs');
  assert.equal(r.code, 0, r.stderr);
  const dir = join(s.cwd, 'packs', 'domain-docs');
  const m = loadManifest(dir).manifest!;
  assert.deepEqual(m.rdf.files, ['graphs/domain.ttl']);
  assert.equal(m.queries.length, 1);
  assert.ok(m.queries[0]?.description);
  assert.equal(m.metadata.category, 'documentation');
  const foreach = readFileSync(join(dir, 'templates/project/{{project_name}}/docs/entity.md.mustache'), 'utf8');
  assert.match(foreach, /^---\nforeach: entities\n/);
  assert.ok(scorePack(m).total >= 40);
  const v = s.json('validate', './packs/domain-docs');
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.deepEqual(
    v.doc.issues.filter((i: { severity: string }) => i.severity !== 'info'),
    [],
  );
});

test('create refuses bad arguments and existing folders with exit 2', () => {
  const s = session();
  const missing = s.json('create');
  assert.equal(missing.code, 2);
  assert.match(missing.doc.error.message, /--name/);
  assert.equal(s.run('create', '--name', 'Not_Kebab').code, 2);
  assert.equal(s.run('create', '--name', 'ok-name', '--template', 'nope').code, 2);
  assert.equal(s.run('create', '--name', 'ok-name', '--category', 'nope').code, 2);
  assert.equal(s.run('create', '--name', 'twice').code, 0);
  const again = s.json('create', '--name', 'twice');
  assert.equal(again.code, 2);
  assert.match(again.doc.error.message, /already exists/);
  assert.ok(!existsSync(join(s.cwd, 'ok-name')));
});

test('scaffold contents come from template functions and embed the name', () => {
  const files = scaffoldPack({ name: 'acme-pack', category: 'backend', kind: 'basic', date: '2025-03-04' });
  const file = (name: string): string => {
    const text = files[name];
    assert.ok(text !== undefined, `scaffold has ${name}`);
    return text;
  };
  assert.match(file('pack.toml'), /^name = "acme-pack"$/m);
  assert.match(file('pack.toml'), /^category = "backend"$/m);
  assert.match(file('CHANGELOG.md'), /^## \[0\.1\.0\] - 2025-03-04$/m);
  assert.match(file('LICENSE'), /Copyright \(c\) 2025 the Acme Pack authors/);
  assert.ok(!('graphs/domain.ttl' in files));
});

test('the scaffold generates with its variable defaults (basic and rdf)', () => {
  const s = session();
  assert.equal(s.run('create', '--name', 'my-custom-pack').code, 0);
  const g = s.run('generate', './my-custom-pack/', '--output', 'test-project');
  assert.equal(g.code, 0, g.stderr);
  assert.match(
    readFileSync(join(s.cwd, 'test-project/my-project/README.md'), 'utf8'),
    /^# my-project\n\nA project generated from my-custom-pack/,
  );
  assert.ok(existsSync(join(s.cwd, 'test-project/my-project/src/index.js')));
  assert.equal(s.run('create', '--name', 'rdf-pack', '--template', 'rdf').code, 0);
  const r = s.run('generate', './rdf-pack', '--output', 'rdf-out');
  assert.equal(r.code, 0, r.stderr);
  // One page per class of the domain model, from the foreach template.
  assert.match(readFileSync(join(s.cwd, 'rdf-out/my-project/docs/Customer.md'), 'utf8'), /^# Customer\n\nA person or company/);
  assert.ok(existsSync(join(s.cwd, 'rdf-out/my-project/docs/Order.md')));
});
