// `diff <pack> <v1> <v2> --templates`: only template changes (the [[templates]] entries and the files
// under their sources), none of the metadata, variable, query or dependency changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

const manifest = (version: string, description: string, body: string) =>
  `[metadata]\nname = "tpl-evolving"\nversion = "${version}"\ndescription = "${description}"\ncategory = "custom"\n\n${body}`;

const V1 = manifest(
  '1.0.0',
  'First version of a pack whose templates change',
  '[[templates]]\nalias = "app"\nsource = { type = "local", path = "./t/app/" }\n\n[[templates]]\nalias = "old"\nsource = { type = "local", path = "t/old" }\n\n' +
    '[[queries]]\nname = "q"\nsource = { type = "file", path = "queries/q.rq" }\n\n[[variables]]\nname = "name"\ntype = "string"\ndefault = "x"\n',
);
const V2 = manifest(
  '1.1.0',
  'Second version with another description',
  '[[templates]]\nalias = "app"\npriority = 5\nsource = { type = "local", path = "t/app" }\n\n' +
    '[[queries]]\nname = "q"\nsource = { type = "file", path = "queries/q.rq" }\n\n[[variables]]\nname = "name"\ntype = "integer"\ndefault = 1\n\n' +
    '[[variables]]\nname = "extra"\ntype = "string"\ndefault = "e"\n\n[dependencies]\nsome-lib = "^1.0.0"\n',
);

test('diff --templates reports only template entries and template files', () => {
  const home = tempDir();
  const env = { ...process.env, GGEN_HOME: home, NO_COLOR: '1' };
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  const q = 'SELECT ?s WHERE { ?s ?p ?o }\n';
  const v1 = writeTree({
    'pack.toml': V1,
    't/app/main.txt.mustache': '{{name}}\n',
    't/app/same.txt': 'same\n',
    't/old/o.txt': 'o\n',
    'queries/q.rq': q,
    'README.md': 'one\n',
  });
  const v2 = writeTree({
    'pack.toml': V2,
    't/app/main.txt.mustache': '{{name}} {{extra}}\n',
    't/app/same.txt': 'same\n',
    't/app/new.txt': 'new\n',
    'queries/q.rq': 'SELECT ?s WHERE { ?s a ?o }\n',
    'README.md': 'two\n',
  });
  // some-lib is not installed: --no-dependencies keeps the test about diff.
  assert.equal(cli('install', v1).status, 0);
  assert.equal(cli('install', v2, '--no-dependencies').status, 0);

  const full = JSON.parse(cli('diff', 'tpl-evolving', '1.0.0', '1.1.0', '--format', 'json').stdout).data;
  assert.ok(full.metadata.length > 0 && full.variables.changed.length > 0 && full.dependencies.added.length > 0);
  assert.ok(full.files.modified.includes('README.md') && full.files.modified.includes('queries/q.rq'));

  const r = cli('diff', 'tpl-evolving', '1.0.0', '1.1.0', '--templates', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout).data;
  assert.equal(d.only, 'templates');
  assert.deepEqual(d.metadata, []);
  for (const s of ['variables', 'queries', 'dependencies']) assert.deepEqual(d[s], { added: [], removed: [], changed: [] }, s);
  assert.deepEqual(d.templates.removed, ['old']);
  assert.deepEqual(
    d.templates.changed.map((c: { name: string }) => c.name),
    ['app'],
  );
  assert.deepEqual(d.files, { added: ['t/app/new.txt'], removed: ['t/old/o.txt'], modified: ['t/app/main.txt.mustache'] });
  assert.deepEqual(d.breaking, ['template `old` was removed (`--template old` stops working)'], 'the variable type change is not listed');

  const human = cli('diff', 'tpl-evolving', '1.0.0', '1.1.0', '--templates');
  assert.equal(human.status, 0);
  assert.match(human.stdout, /^tpl-evolving 1\.0\.0 → 1\.1\.0 \(templates only\)/);
  assert.doesNotMatch(human.stdout, /variables:|queries:|metadata:|dependencies:|README\.md/);
  const unified = cli('diff', 'tpl-evolving', '1.0.0', '1.1.0', '--templates', '--format', 'unified');
  assert.match(unified.stdout, /b\/t\/app\/main\.txt\.mustache/);
  assert.doesNotMatch(unified.stdout, /pack\.toml|q\.rq|README/);
});
