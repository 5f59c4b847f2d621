import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadManifest } from '../../../engine/manifest/load';
import { session } from './cli-session';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

test('init infers templates, variables, RDF files and queries; validates without errors', () => {
  const s = session();
  const dir = join(s.cwd, 'My Service');
  write(dir, {
    'templates/app/README.md.mustache':
      '# {{project_name}}\n{{#pascal_case}}{{service}}{{/pascal_case}}\n{{#queries.list_things}}- {{thing}}{{_index}}\n{{/queries.list_things}}',
    'templates/app/{{module}}/plain.txt': 'copied as is: {{not_a_variable}}',
    'templates/docs/thing.md.mustache': '---\nforeach: list_things\nto: "docs/{{thing}}.md"\n---\n# {{thing}} by {{author}}\n',
    'data/model.ttl': '@prefix ex: <http://example.org/> .\nex:a ex:name "A" .\n',
    'sparql/list-things.rq': 'SELECT ?thing WHERE { ?s <http://example.org/name> ?thing } ORDER BY ?thing',
  });
  const r = s.json('init', 'My Service');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.doc.data.name, 'my-service');
  assert.deepEqual(r.doc.data.templates, [
    { alias: 'app', path: 'templates/app' },
    { alias: 'docs', path: 'templates/docs' },
  ]);
  // Row fields (thing), lambdas, _index and tags in copied (non-.mustache) files are not variables;
  // a templated path segment ({{module}}) is.
  assert.deepEqual([...r.doc.data.variables].sort(), ['author', 'module', 'project_name', 'service']);
  assert.deepEqual(r.doc.data.rdf, ['data/model.ttl']);
  assert.deepEqual(r.doc.data.queries, [{ name: 'list_things', path: 'sparql/list-things.rq' }]);

  const m = loadManifest(dir).manifest!;
  assert.equal(m.metadata.version, '0.1.0');
  assert.ok(m.variables.every((v) => v.type === 'string' && /TODO/.test(v.description ?? '')));
  assert.deepEqual(
    m.queries.map((q) => q.source),
    [{ type: 'file', path: 'sparql/list-things.rq' }],
  );

  const v = s.json('validate', './My Service');
  assert.equal(v.doc.error, null, JSON.stringify(v.doc.error));
  assert.equal(v.doc.issues.filter((i: { severity: string }) => i.severity === 'error').length, 0, JSON.stringify(v.doc.issues, null, 1));
});

test('init uses the folder itself when there is no templates/, and detects an MIT licence', () => {
  const s = session();
  const dir = join(s.cwd, 'flat');
  write(dir, { 'hello.txt.mustache': 'Hello {{who}}', LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge, …' });
  const r = s.json('init', './flat', '--name', 'flat-pack', '--category', 'testing');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.doc.data.templates, [{ alias: 'flat', path: '.' }]);
  assert.deepEqual(r.doc.data.variables, ['who']);
  const m = loadManifest(dir).manifest!;
  assert.equal(m.metadata.name, 'flat-pack');
  assert.equal(m.metadata.category, 'testing');
  assert.equal(m.metadata.license, 'MIT');
});

test('init refuses to replace a manifest without --force, and keeps a backup with it', () => {
  const s = session();
  const dir = join(s.cwd, 'has-one');
  write(dir, { 'pack.toml': '# mine\n', 'templates/t/a.txt.mustache': '{{x}}' });
  const r = s.json('init', './has-one');
  assert.equal(r.code, 2);
  assert.match(r.doc.error.message, /already exists/);
  assert.equal(readFileSync(join(dir, 'pack.toml'), 'utf8'), '# mine\n');
  const forced = s.json('init', './has-one', '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readFileSync(join(dir, 'pack.toml.bak'), 'utf8'), '# mine\n');
  assert.match(readFileSync(join(dir, 'pack.toml'), 'utf8'), /^name = "has-one"$/m);
  assert.equal(s.run('init', './missing-folder').code, 7);
  assert.ok(!existsSync(join(s.cwd, 'missing-folder')));
});
