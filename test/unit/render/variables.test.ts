import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../engine/errors';
import { resolveVariables, type VariableLayer } from '../../../engine/render/variables';
import { loadVarsFile, parseVarArgs } from '../../../engine/render/vars-input';
import { writeTree } from '../generate/fixture';
import { variableDef } from '../../support/variable-def';

const def = variableDef;
const cli = (values: Record<string, string>): VariableLayer => ({ source: '--var', values, unknown: 'error' });
const file = (values: Record<string, unknown>): VariableLayer => ({
  source: '--vars-file',
  values: values as never,
  unknown: 'warning',
  file: 'vars.yaml',
});

test('precedence: --var over --vars-file over pack default; values coerced by type', () => {
  const decls = [
    { pack: 'p', def: def('a', { default: 'pack' }) },
    { pack: 'p', def: def('b', { default: 'pack' }) },
    { pack: 'p', def: def('c', { default: 'pack' }) },
    { pack: 'p', def: def('port', { type: 'integer', default: 80 }) },
    { pack: 'p', def: def('on', { type: 'boolean' }) },
    { pack: 'p', def: def('tags', { type: 'list' }) },
  ];
  const r = resolveVariables(decls, [cli({ a: 'cli', port: '8080', on: 'yes', tags: 'x, y' }), file({ a: 'file', b: 'file' })]);
  assert.deepEqual(r.values, { a: 'cli', b: 'file', c: 'pack', port: 8080, on: true, tags: ['x', 'y'] });
});

test('every missing, invalid and unknown value is reported at once', () => {
  const decls = [
    { pack: 'p', def: def('name', { required: true }) },
    { pack: 'p', def: def('port', { type: 'integer', validation: { min: 1024, max: 65535 } }) },
    { pack: 'p', def: def('db', { type: 'enum', values: ['postgres', 'mysql'] }) },
    { pack: 'p', def: def('slug', { validation: { pattern: '^[a-z]+$' } }) },
    { pack: 'p', def: def('count', { type: 'integer' }) },
  ];
  assert.throws(
    () => resolveVariables(decls, [cli({ port: '80', db: 'oracle', slug: 'Bad!', count: 'many', prot: '1' })]),
    (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.exitCode, 2);
      const codes = e.issues.map((i) => i.code).sort();
      assert.deepEqual(codes, [
        'packs/invalid-variable',
        'packs/invalid-variable',
        'packs/invalid-variable',
        'packs/invalid-variable',
        'packs/missing-variable',
        'packs/unknown-variable',
      ]);
      const text = e.issues.map((i) => i.message).join('\n');
      assert.match(text, /"name" is required/);
      assert.match(text, /"port".*≥ 1024/);
      assert.match(text, /"db".*one of postgres, mysql/);
      assert.match(text, /"slug".*must match/);
      assert.match(text, /"count".*expected an integer/);
      assert.match(text, /"prot".*did you mean "port"/);
      return true;
    },
  );
});

test('unknown names in a vars file are warnings, not errors', () => {
  const r = resolveVariables([{ pack: 'p', def: def('a') }], [file({ a: 'x', other: 1 })]);
  assert.equal(r.values.a, 'x');
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.severity, i.file]),
    [['packs/unknown-variable', 'warning', 'vars.yaml']],
  );
});

test('the same name with two types in two packs is an error naming both packs; secrets are listed', () => {
  assert.throws(
    () =>
      resolveVariables(
        [
          { pack: 'dep-pack', def: def('port', { type: 'integer' }) },
          { pack: 'root-pack', def: def('port') },
        ],
        [],
      ),
    /"port" is declared as integer in pack dep-pack but as string in pack root-pack/,
  );
  const r = resolveVariables([{ pack: 'a', def: def('token', { secret: true, default: 's3cret' }) }], []);
  assert.deepEqual([...r.secrets], ['token']);
});

test('a value is validated against every pack that declares it', () => {
  const decls = [
    { pack: 'dep', def: def('name', { validation: { maxLength: 3 } }) },
    { pack: 'root', def: def('name') },
  ];
  assert.throws(() => resolveVariables(decls, [cli({ name: 'toolong' })]), /of pack dep .* at most 3/);
});

test('--var parsing and vars files in YAML, JSON and TOML', () => {
  assert.deepEqual(parseVarArgs(['a=1', 'b=x=y', 'c=']), { a: '1', b: 'x=y', c: '' });
  assert.throws(() => parseVarArgs(['novalue']), /not name=value/);
  const dir = writeTree({
    'v.yaml': 'name: app\nport: 8080\ntags: [a, b]\n',
    'v.json': '{"name": "app", "port": 8080}',
    'v.toml': 'name = "app"\nport = 8080\n',
    'bad.toml': 'name = \n',
    'bad.json': '{\n  "name": "x"\n  "port": 1\n}',
  });
  assert.deepEqual(loadVarsFile(`${dir}/v.yaml`), { name: 'app', port: 8080, tags: ['a', 'b'] });
  assert.deepEqual(loadVarsFile(`${dir}/v.json`), { name: 'app', port: 8080 });
  assert.deepEqual(loadVarsFile(`${dir}/v.toml`), { name: 'app', port: 8080 });
  assert.throws(
    () => loadVarsFile(`${dir}/bad.toml`),
    (e: unknown) => e instanceof ValidationError && e.issues[0]?.range?.start.line === 1,
  );
  assert.throws(
    () => loadVarsFile(`${dir}/bad.json`),
    (e: unknown) => e instanceof ValidationError && e.issues[0]?.range?.start.line === 3,
  );
});
