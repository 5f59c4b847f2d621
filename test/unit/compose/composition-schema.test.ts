// Composition files are checked like manifests: syntax, schemas/composition.schema.json (unknown
// keys with "did you mean", wrong types, missing fields), duplicate packs and bad ranges — each an
// issue with its file, line and column, in YAML and TOML; compose / plan exit 2 printing them, and
// the language server shows the same issues on the open file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { Issue } from '../../../protocol';
import { checkCompositionData, parseCompositionText } from '../../../engine/compose/composition-schema';
import { CONFLICT_MODES, compositionFrom, loadComposition } from '../../../engine/compose/composition-file';
import { checkComposition } from '../../../engine/editor/composition-check';
import { openStore } from '../../../engine/registry/store';
import { ValidationError } from '../../../engine/errors';
import { type Client, startServer, uri } from '../language-server/lsp-client';
import { makeCatalog, tempDir } from '../registry/helpers';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');

const check = (file: string, text: string): Issue[] => {
  const parsed = parseCompositionText(file, text);
  return parsed.issues.length ? parsed.issues : checkCompositionData(parsed);
};
/** `line:column code` of each issue, in order. */
const at = (issues: Issue[]) => issues.map((i) => `${i.range?.start.line}:${i.range?.start.column} ${i.code}`);

const BAD_YAML = [
  'nmae: my-app', // 1
  'packs:',
  '  - name: alpha',
  '    version: "^1.0.0"',
  '    enabled: "no"', // 5
  '  - name: beta',
  '    order: first',
  '    versoin: "2"',
  '  - name: alpha',
  'conflict_resolution:', // 10
  '  mode: merg',
  '',
].join('\n');

const BAD_TOML = [
  'name = "app"', // 1
  '',
  '[[packs]]',
  'name = "alpha"',
  'enabled = "no"', // 5
  '',
  '[[packs]]',
  'order = "first"',
  '',
  '[[packs]]', // 10
  'name = "alpha"',
  'version = "^1"',
  '',
  '[conflict_resolution]',
  'mdoe = "merge"', // 15
  '',
].join('\n');

test('the committed validator is generated from the current schema, whose modes are the engine’s', async () => {
  const script = pathToFileURL(join(ROOT, 'scripts/gen-composition-validator.mjs')).href;
  const gen = (await import(script)) as { generateCompositionValidatorSource(): string; OUT: string };
  assert.equal(readFileSync(gen.OUT, 'utf8'), gen.generateCompositionValidatorSource(), 'run node scripts/gen-composition-validator.mjs');
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/composition.schema.json'), 'utf8')) as {
    definitions: { conflictMode: { enum: string[] } };
  };
  assert.deepEqual(schema.definitions.conflictMode.enum, [...CONFLICT_MODES]);
});

test('YAML: every problem at once, each with its line and column', () => {
  const issues = check('/p/bad.yaml', BAD_YAML);
  assert.deepEqual(at(issues), [
    '1:1 packs/missing-field',
    '1:1 packs/unknown-key',
    '5:14 packs/invalid-type',
    '7:12 packs/invalid-type',
    '8:5 packs/unknown-key',
    '9:11 packs/duplicate-pack',
    '11:9 packs/invalid-value',
  ]);
  assert.ok(issues.every((i) => i.file === '/p/bad.yaml' && i.severity === 'error'));
  const [missing, nmae, enabled, order, versoin, dup, mode] = issues as [Issue, Issue, Issue, Issue, Issue, Issue, Issue];
  assert.equal(missing.message, 'Missing required field `name`');
  assert.equal(nmae.message, 'Unknown key `nmae`; did you mean `name`?');
  assert.deepEqual(nmae.range, { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } });
  assert.deepEqual(nmae.fix?.edits, [{ range: nmae.range, newText: 'name' }]);
  assert.equal(enabled.message, '`packs[0].enabled` must be a boolean, not a string; write true or false, without quotes');
  assert.deepEqual(enabled.range, { start: { line: 5, column: 14 }, end: { line: 5, column: 18 } });
  assert.match(order.message, /^`packs\[1\]\.order` must be an integer, not a string/);
  assert.equal(versoin.message, 'Unknown key `versoin` in [packs[1]]; did you mean `version`?');
  assert.match(dup.message, /^Pack `alpha` is listed twice \(also packs\[0\]\)/);
  assert.deepEqual(dup.range, { start: { line: 9, column: 11 }, end: { line: 9, column: 16 } });
  assert.equal(
    mode.message,
    '`conflict_resolution.mode` must be one of ask, overwrite, skip, merge, fail; got "merg"; did you mean `merge`?',
  );
  assert.equal(mode.fix?.edits[0]?.newText, '"merge"');
});

test('TOML: the same checks, located in tables and array tables', () => {
  const issues = check('/p/bad.toml', BAD_TOML);
  assert.deepEqual(at(issues), [
    '5:11 packs/invalid-type',
    '7:1 packs/missing-field',
    '8:9 packs/invalid-type',
    '11:8 packs/duplicate-pack',
    '15:1 packs/unknown-key',
  ]);
  assert.equal(issues[1]!.message, 'Missing required field `name` in [packs[1]]');
  assert.deepEqual(issues[1]!.range, { start: { line: 7, column: 1 }, end: { line: 7, column: 10 } });
  assert.equal(issues[4]!.message, 'Unknown key `mdoe` in [conflict_resolution]; did you mean `mode`?');
});

test('missing name and packs, empty lists, bad ranges, empty files and syntax errors', () => {
  assert.deepEqual(
    check('/p/c.yaml', 'description: nothing here\n').map((i) => `${i.code} ${i.message}`),
    ['packs/missing-field Missing required field `name`', 'packs/missing-field Missing required field `packs`'],
  );
  const empty = check('/p/c.yaml', 'name: ""\npacks: []\ndata: [model.ttl, 3]\n');
  assert.deepEqual(
    empty.map((i) => `${at([i])[0]} ${i.message}`),
    [
      '1:7 packs/invalid-value `name` must not be empty',
      '2:8 packs/invalid-value `packs` must list at least one pack',
      '3:19 packs/invalid-type `data[1]` must be a string, not an integer',
    ],
  );
  const entry = check('/p/c.yaml', 'name: x\npacks:\n  - version: "^1"\n    enabled: yes\n  - name: y\n    version: "one point oh"\n');
  assert.deepEqual(at(entry), ['3:5 packs/missing-field', '4:14 packs/invalid-type', '6:14 packs/invalid-range']);
  assert.equal(entry[0]!.message, 'Missing required field `name` in [packs[0]]');
  assert.deepEqual(at(check('/p/c.yaml', '')), ['1:1 packs/invalid-type']);
  assert.deepEqual(at(check('/p/c.yaml', 'name: a\nname: b\npacks: [{ name: x }]\n')), ['2:1 packs/syntax']);
  assert.deepEqual(at(check('/p/c.toml', 'name = "a"\npacks = [\n')), ['3:1 packs/syntax']);
  // A well-formed file has no issues.
  assert.deepEqual(check('/p/c.toml', 'name = "a"\n[[packs]]\nname = "x"\nversion = "^1.0.0"\norder = 2\nenabled = false\n'), []);
});

test('the README example is valid and loads every documented field', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Composition files'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(yaml, 'README has a composition example');
  assert.deepEqual(check('/p/composition.yaml', yaml), []);
  const dir = tempDir();
  writeFileSync(join(dir, 'composition.yaml'), yaml);
  const c = loadComposition(join(dir, 'composition.yaml'));
  assert.equal(c.name, 'my-complete-app');
  assert.deepEqual(
    c.packs.map((p) => [p.name, p.version, p.order, p.enabled]),
    [
      ['startup-pack', '^1.2.0', 0, true],
      ['devops-pack', '^2.0.0', 2, true],
      ['monitoring-pack', '^1.0.0', 2, true],
    ],
  );
  assert.deepEqual(c.packs[0]!.variables, { project_name: 'myapp' });
  assert.deepEqual(c.globalVariables, { api_port: 8080 });
  assert.equal(c.mode, 'merge');
  assert.deepEqual(c.rules, [{ pattern: 'README.md', action: 'overwrite', priorityPack: 'startup-pack' }]);
  assert.deepEqual(c.data, ['model/domain.ttl']);
});

test('loadComposition and compositionFrom throw a ValidationError carrying the issues', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.yaml'), BAD_YAML);
  assert.throws(
    () => loadComposition(join(dir, 'bad.yaml')),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.exitCode, 2);
      assert.equal(err.issues.length, 7);
      assert.ok(err.issues.every((i) => i.range !== null && i.file === join(dir, 'bad.yaml')));
      return true;
    },
  );
  // In-memory data: the same checks, without positions.
  assert.throws(
    () => compositionFrom({ name: 'x', packs: [{ name: 'a', enabled: 'no' }] }, 'inline'),
    (err: unknown) => err instanceof ValidationError && err.issues.length === 1 && err.issues[0]!.range === null,
  );
});

function runCli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(cwd, 'home'), NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('compose and plan --composition-file bad.yaml exit 2 printing the positioned issues', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.yaml'), BAD_YAML);
  writeFileSync(join(dir, 'bad.toml'), BAD_TOML);
  for (const verb of ['compose', 'plan']) {
    const output = verb === 'compose' ? ['--output', 'out'] : [];
    const human = runCli(dir, verb, '--composition-file', 'bad.yaml', ...output);
    assert.equal(human.code, 2, human.stderr);
    assert.match(human.stderr, /^bad\.yaml:5:14: error packs\/invalid-type: `packs\[0\]\.enabled` must be a boolean/m);
    assert.match(human.stderr, /^bad\.yaml:11:9: error packs\/invalid-value: .*did you mean `merge`\?/m);
    assert.match(human.stderr, /^ {3}5 \| {5}enabled: "no"\n {5}\| {14}\^{4}$/m);
    assert.match(human.stderr, /7 error\(s\)/);

    const json = runCli(dir, verb, '--composition-file', 'bad.toml', ...output, '--format', 'json');
    assert.equal(json.code, 2);
    const doc = JSON.parse(json.stdout) as { ok: boolean; error: { code: string } | null; issues: Issue[] };
    assert.equal(doc.ok, false);
    assert.equal(doc.error?.code, 'validation');
    assert.deepEqual(at(doc.issues), [
      '5:11 packs/invalid-type',
      '7:1 packs/missing-field',
      '8:9 packs/invalid-type',
      '11:8 packs/duplicate-pack',
      '15:1 packs/unknown-key',
    ]);
    assert.ok(doc.issues.every((i) => i.file === join(dir, 'bad.toml')));
  }
  assert.equal(existsSync(join(dir, 'out')), false, 'nothing is written');
});

test('the editor check reports the same issues, then the registry lookups', () => {
  const catalog = makeCatalog([{ name: 'alpha', version: '1.0.0' }]);
  const store = openStore(tempDir(), { bundledDir: catalog });
  const text = BAD_YAML.replace('conflict_resolution:', '  - name: ghost\n  - name: beta2\n    version: "^1.0.0"\nconflict_resolution:');
  const schemaOnly = check('/p/composition.yaml', text);
  const issues = checkComposition('/p/composition.yaml', text, store);
  assert.deepEqual(issues.slice(0, schemaOnly.length), schemaOnly);
  assert.deepEqual(
    issues.slice(schemaOnly.length).map((i) => `${at([i])[0]} ${i.message}`),
    [
      '6:11 packs/dependency-not-found Pack "beta" is not in any registry',
      '10:11 packs/dependency-not-found Pack "ghost" is not in any registry',
      '11:11 packs/dependency-not-found Pack "beta2" is not in any registry',
    ],
  );
  const unsatisfiable = checkComposition('/p/composition.yaml', 'name: x\npacks:\n  - name: alpha\n    version: "^2.0.0"\n', store);
  assert.deepEqual(at(unsatisfiable), ['4:14 packs/dependency-unsatisfiable']);
  assert.deepEqual(
    checkComposition('/p/c.toml', 'name = "x"\npacks = [\n', store).map((i) => i.code),
    ['packs/syntax'],
  );
});

let client: Client;
let home: string;
before(async () => {
  home = tempDir();
  client = await startServer(home, { env: { GGEN_BUNDLED_DIR: makeCatalog([{ name: 'alpha', version: '1.0.0' }]) } });
});
after(() => client.stop());

test('the language server shows the composition issues on the open file, with the rename quick fix', async () => {
  const file = join(home, 'composition.yaml');
  const text = 'name: app\npacks:\n  - name: alpha\n    version: "^2.0.0"\n    enabeld: true\n  - name: alpha\n';
  writeFileSync(file, text);
  await client.open(file, text);
  const diags = await client.diagnostics(file);
  const shown = diags.map((d: Diagnostic) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);
  assert.deepEqual(shown, ['4:4 packs/unknown-key', '5:10 packs/duplicate-pack', '3:13 packs/dependency-unsatisfiable']);
  assert.equal(diags[0]!.message, 'Unknown key `enabeld` in [packs[0]]; did you mean `enabled`?');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: uri(file) },
    range: diags[0]!.range,
    context: { diagnostics: [diags[0]], only: ['quickfix'] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Rename `enabeld` to `enabled`'],
  );
});
