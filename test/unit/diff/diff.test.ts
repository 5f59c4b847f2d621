// `ggen-pack diff`: two installed versions of a pack, compared by manifest sections and files, with
// the changes that break users called out; `--format unified` is a patch of the changed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

const manifest = (version: string, body: string) =>
  `[metadata]\nname = "evolving"\nversion = "${version}"\ntitle = "Evolving"\ndescription = "A pack that changes between versions"\ncategory = "custom"\n\n${body}`;

const V1 = manifest(
  '1.0.0',
  `[[templates]]\nalias = "app"\nsource = { type = "local", path = "t/app" }\n\n[[templates]]\nalias = "extra"\nsource = { type = "local", path = "t/extra" }\n\n` +
    `[[variables]]\nname = "name"\ntype = "string"\ndefault = "x"\n\n[[variables]]\nname = "port"\ntype = "string"\ndefault = "80"\n\n` +
    `[[variables]]\nname = "db"\ntype = "enum"\nvalues = ["pg", "mysql"]\ndefault = "pg"\n\n[[variables]]\nname = "gone"\ntype = "string"\ndefault = "g"\n`,
);
const V2 = manifest(
  '2.0.0',
  `[[templates]]\nalias = "app"\npriority = 5\nsource = { type = "local", path = "t/app" }\n\n` +
    `[[variables]]\nname = "name"\ntype = "string"\ndefault = "x"\n\n[[variables]]\nname = "port"\ntype = "integer"\ndefault = 80\n\n` +
    `[[variables]]\nname = "db"\ntype = "enum"\nvalues = ["pg"]\ndefault = "pg"\n\n[[variables]]\nname = "token"\ntype = "string"\nrequired = true\n`,
);

test('diff reports section and file changes and what breaks users', () => {
  const home = tempDir();
  const env = { ...process.env, GGEN_HOME: home, NO_COLOR: '1' };
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  const v1 = writeTree({ 'pack.toml': V1, 't/app/main.txt.mustache': '{{name}} {{port}} {{db}} {{gone}}\n', 't/extra/x.txt': 'x\n' });
  const v2 = writeTree({ 'pack.toml': V2, 't/app/main.txt.mustache': '{{name}}:{{port}} {{db}} {{token}}\n', 't/app/new.txt': 'new\n' });
  assert.equal(cli('install', v1).status, 0);
  assert.equal(cli('install', v2).status, 0);

  const r = cli('diff', 'evolving', '1.0.0', '2.0.0', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout).data;
  assert.equal(d.from, '1.0.0');
  assert.equal(d.to, '2.0.0');
  assert.deepEqual(d.variables.added, ['token']);
  assert.deepEqual(d.variables.removed, ['gone']);
  assert.deepEqual(
    d.variables.changed.map((c: { name: string }) => c.name),
    ['db', 'port'],
  );
  assert.deepEqual(d.templates.removed, ['extra']);
  assert.deepEqual(d.templates.changed[0].changes, [{ field: 'priority', from: 100, to: 5 }]);
  assert.deepEqual(d.files.added, ['t/app/new.txt']);
  assert.deepEqual(d.files.removed, ['t/extra/x.txt']);
  assert.deepEqual(d.files.modified, ['pack.toml', 't/app/main.txt.mustache']);
  assert.deepEqual(d.breaking, [
    'variable `gone` was removed',
    'variable `db` no longer accepts mysql',
    'variable `port` changed type from string to integer',
    'new required variable `token` has no default',
    'template `extra` was removed (`--template extra` stops working)',
  ]);

  const human = cli('diff', 'evolving', '1.0.0', '2.0.0');
  assert.match(human.stdout, /evolving 1\.0\.0 → 2\.0\.0/);
  assert.match(human.stdout, /~ port\n\s+default: "80" → 80\n\s+type: "string" → "integer"/);
  assert.match(human.stdout, /! new required variable `token` has no default/);

  const patch = cli('diff', 'evolving', '1.0.0', '2.0.0', '--format', 'unified').stdout;
  assert.match(patch, /^=+\n--- a\/pack\.toml\t/, 'the manifest comes first');
  assert.match(patch, /-\{\{name\}\} \{\{port\}\} \{\{db\}\} \{\{gone\}\}\n\+\{\{name\}\}:\{\{port\}\} \{\{db\}\} \{\{token\}\}/);
  assert.match(patch, /--- \/dev\/null[^\n]*\n\+\+\+ b\/t\/app\/new\.txt/);

  const missing = cli('diff', 'evolving', '1.0.0', '3.0.0');
  assert.equal(missing.status, 7);
  assert.match(missing.stderr, /known: 2\.0\.0, 1\.0\.0/);
});
