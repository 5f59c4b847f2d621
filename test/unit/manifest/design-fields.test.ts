// ggen's design manifest fields: [[queries]] priority, [[examples]] estimated_time, min_ggen_version as
// its own key (not an alias of min_engine_version), ggen's condition operator spellings, hook command
// lines, and a top-level key written after a table (TOML reads it as part of that table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../engine/manifest/load';
import { schemaCheck } from '../../../engine/manifest/schema-check';

const META = '[metadata]\nname = "x"\nversion = "1.0.0"\ndescription = "a description long enough"\ncategory = "backend"\n';
const parse = (text: string, format: 'toml' | 'yaml' = 'toml') => parseManifestText(text, format, '/p/pack.' + format);
const check = (text: string, format: 'toml' | 'yaml' = 'toml') => schemaCheck(parse(text, format));
const QUERY = (extra: string) => `\n[[queries]]\nname = "q"\n${extra}source = { type = "inline", query = "ASK {}" }\n`;

test('[[queries]] priority: an integer ≥ 0, default 100, kept in the model', () => {
  assert.deepEqual(check(META + QUERY('priority = 10\n')), []);
  assert.deepEqual(check(META + QUERY('priority = 0\n')), []);
  assert.equal(parse(META + QUERY('priority = 10\n')).manifest?.queries[0]?.priority, 10);
  assert.equal(parse(META + QUERY('')).manifest?.queries[0]?.priority, 100);
  assert.deepEqual(
    check(META + QUERY('priority = -1\n')).map((i) => i.code),
    ['packs/invalid-value'],
  );
  assert.deepEqual(
    check(META + QUERY('priority = "high"\n')).map((i) => i.message),
    ['`queries[0].priority` must be an integer, not a string'],
  );
});

test('[[examples]] estimated_time is accepted and kept', () => {
  const text = META + '\n[[examples]]\nname = "basic"\nestimated_time = "8s"\n';
  assert.deepEqual(check(text), []);
  assert.equal(parse(text).manifest?.examples[0]?.estimatedTime, '8s');
  assert.equal(parse(META + '\n[[examples]]\nname = "basic"\n').manifest?.examples[0]?.estimatedTime, undefined);
});

test('min_ggen_version and min_engine_version are separate keys; both may be present', () => {
  const both = parse(META + 'min_ggen_version = ">=3.0.0"\nmin_engine_version = ">=0.1.0"\n');
  assert.deepEqual(check(both.text), []);
  assert.equal(both.manifest?.metadata.minGgenVersion, '>=3.0.0');
  assert.equal(both.manifest?.metadata.minEngineVersion, '>=0.1.0');
  const ggenOnly = parse(META + 'min_ggen_version = ">=3.0.0"\n').manifest?.metadata;
  assert.equal(ggenOnly?.minGgenVersion, '>=3.0.0');
  assert.equal(ggenOnly?.minEngineVersion, undefined, 'min_ggen_version is not an alias of min_engine_version');
});

test("ggen's condition operator spellings are accepted and normalized", () => {
  const cond = (op: string) =>
    `\n[[templates]]\nsource = { type = "inline", content = "x", to = "x" }\n[[templates.conditions]]\nvariable = "v"\noperator = "${op}"\nvalue = "a"\n`;
  const cases: [string, string][] = [
    ['equals', 'equals'],
    ['notequals', 'not_equals'],
    ['not_equals', 'not_equals'],
    ['contains', 'contains'],
    ['startswith', 'starts_with'],
    ['starts_with', 'starts_with'],
    ['endswith', 'ends_with'],
    ['ends_with', 'ends_with'],
    ['matches', 'matches'],
  ];
  for (const [written, normalized] of cases) {
    assert.deepEqual(check(META + cond(written)), [], written);
    assert.equal(parse(META + cond(written)).manifest?.templates[0]?.conditions[0]?.operator, normalized, written);
  }
  assert.deepEqual(
    check(META + cond('equal')).map((i) => i.code),
    ['packs/invalid-value'],
  );
});

test('[[hooks.post_generation]] tables and the inline-array form parse identically', () => {
  const tables =
    META +
    '\n[[hooks.post_generation]]\nname = "install-deps"\ntype = "command"\ncommand = "npm"\nargs = ["install"]\ncontinue_on_error = true\ntimeout = 120\n';
  const inline =
    META +
    '\n[hooks]\npost_generation = [\n  { name = "install-deps", type = "command", command = "npm", args = ["install"], continue_on_error = true, timeout = 120 },\n]\n';
  assert.deepEqual(check(tables), []);
  assert.deepEqual(check(inline), []);
  const expected = [
    {
      stage: 'post_generation',
      name: 'install-deps',
      type: 'command',
      command: 'npm',
      args: ['install'],
      hasArgs: true,
      timeout: 120,
      continueOnError: true,
    },
  ];
  assert.deepEqual(parse(tables).manifest?.hooks, expected);
  assert.deepEqual(parse(inline).manifest?.hooks, expected);
  // The data-structures form: a command line without args (split when the hook runs: engine/hooks/commands.ts).
  const line = parse(META + '\n[hooks]\npost_generation = [{ name = "d", type = "command", command = "npm install" }]\n');
  assert.deepEqual(check(line.text), []);
  assert.equal(line.manifest?.hooks[0]?.type === 'command' && line.manifest.hooks[0].hasArgs, false);
});

test('a top-level key after a table: the message says TOML reads it as part of that table', () => {
  const text = META + '\n[[examples]]\nname = "basic"\n\n# EXCLUSIONS\nexcludes = [\n  "*.tmp",\n]\n';
  const issues = check(text);
  assert.deepEqual(issues, [
    {
      code: 'packs/unknown-key',
      severity: 'error',
      message:
        '`excludes` is a top-level key, but TOML reads it as part of [[examples]] because it comes after that table; move it above the first table',
      file: '/p/pack.toml',
      range: { start: { line: 11, column: 1 }, end: { line: 11, column: 9 } },
    },
  ]);
  // Any top-level key of the schema, after any table (here a sub-table of an array item).
  const [dep] = check(META + '\n[[templates]]\n[templates.source]\ntype = "local"\npath = "t"\ndependencies = { a = "^1.0.0" }\n');
  assert.equal(
    dep?.message,
    '`dependencies` is a top-level key, but TOML reads it as part of [templates.source] because it comes after that table; move it above the first table',
  );
  const [md] = check(META + 'excludes = ["*.tmp"]\n');
  assert.match(md!.message, /`excludes` is a top-level key, but TOML reads it as part of \[metadata\]/);
  // Inside an inline table it is just an unknown key; so is a key that is not a top-level one.
  const [inl] = check(META + '\n[[templates]]\nsource = { type = "local", path = "t", excludes = [] }\n');
  assert.match(inl!.message, /^Unknown key `excludes` in \[templates\[0\]\.source\]/);
  const [other] = check(META + '\n[[examples]]\nname = "basic"\nzzzzzz = 1\n');
  assert.match(other!.message, /^Unknown key `zzzzzz` in \[examples\[0\]\]/);
  // YAML has no such trap: the plain message.
  const [yaml] = check(
    'metadata:\n  name: x\n  version: 1.0.0\n  description: a description long enough\n  category: backend\n  excludes: []\n',
    'yaml',
  );
  assert.match(yaml!.message, /^Unknown key `excludes` in \[metadata\]/);
});
