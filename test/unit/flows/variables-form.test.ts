// The variables form's host-side model (engine/flows/variables-form.ts): fields from the declarations
// (right control per type, defaults, rules, required), shared variables of a composition once, values
// remembered but never a secret's, and the check that speaks with the engine's own validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVariablesForm, checkVariablesForm, rememberedValues, type FormPack } from '../../../engine';
import { formFields } from '../../../protocol/variables-form';
import { variableDef } from '../../support/variable-def';

const def = variableDef;

const app: FormPack = {
  name: 'app',
  variables: [
    def('project_name', {
      description: 'Project name',
      default: 'demo',
      validation: { pattern: '^[a-z][a-z0-9-]*$', minLength: 2, maxLength: 40 },
    }),
    def('port', { type: 'integer', default: 8080, validation: { min: 1024, max: 65535 } }),
    def('tls', { type: 'boolean', default: true }),
    def('license', { type: 'enum', values: ['MIT', 'Apache-2.0'], default: 'MIT' }),
    def('features', { type: 'list', default: ['auth', 'logs'] }),
    def('labels', { type: 'object' }),
    def('token', { secret: true, required: true }),
    def('owner', { required: true, prompt: 'Who owns it' }),
  ],
};
const form = (packs: FormPack[] = [app], remembered?: Record<string, string | boolean | string[]>) =>
  buildVariablesForm(packs, { title: 'Generate from app', target: '/w/out', ...(remembered && { remembered }) });

test('each type becomes its control, with defaults, descriptions, rules and required marked', () => {
  const m = form();
  assert.equal(m.submitLabel, 'Preview');
  assert.deepEqual(
    m.groups.map((g) => g.pack),
    ['app'],
    'one pack: no shared group',
  );
  const byName = Object.fromEntries(formFields(m).map((f) => [f.name, f]));
  assert.deepEqual(
    formFields(m).map((f) => [f.name, f.kind, f.required]),
    [
      ['project_name', 'string', false],
      ['port', 'integer', false],
      ['tls', 'boolean', false],
      ['license', 'enum', false],
      ['features', 'array', false],
      ['labels', 'object', false],
      ['token', 'secret', true],
      ['owner', 'string', true],
    ],
  );
  assert.deepEqual(byName.project_name?.rules, ['matches /^[a-z][a-z0-9-]*$/', '2–40 characters']);
  assert.deepEqual(byName.port?.rules, ['between 1024 and 65535']);
  assert.equal(byName.project_name?.description, 'Project name');
  assert.equal(byName.owner?.description, 'Who owns it', 'the prompt when there is no description');
  assert.deepEqual(byName.license?.options, ['MIT', 'Apache-2.0']);
  assert.deepEqual(m.values, {
    project_name: 'demo',
    port: '8080',
    tls: true,
    license: 'MIT',
    features: ['auth', 'logs'],
    labels: '',
    token: '',
    owner: '',
  });
});

test('a composition: variables declared by several packs come once, first, naming their packs', () => {
  const api: FormPack = {
    name: 'api',
    variables: [def('project_name', { validation: { maxLength: 10 } }), def('db', { type: 'enum', values: ['pg', 'sqlite'] })],
  };
  const m = form([app, api]);
  assert.deepEqual(
    m.groups.map((g) => [g.pack, g.fields.map((f) => f.name)]),
    [
      [null, ['project_name']],
      ['app', ['port', 'tls', 'license', 'features', 'labels', 'token', 'owner']],
      ['api', ['db']],
    ],
  );
  const shared = m.groups[0]!.fields[0]!;
  assert.deepEqual(shared.packs, ['app', 'api']);
  assert.deepEqual(shared.rules, ['matches /^[a-z][a-z0-9-]*$/', '2–40 characters', 'at most 10 characters'], "every pack's rules");
  assert.equal(shared.default, 'demo');
  // Checked against every declaration, as the run does.
  assert.match(
    checkVariablesForm([app, api], { ...m.values, project_name: 'much-too-long', token: 'x', owner: 'me' }).errors.project_name ?? '',
    /at most 10/,
  );
});

test("the check uses the engine's messages: coercion, pattern, length, range, required", () => {
  const m = form();
  const r = checkVariablesForm([app], { ...m.values, project_name: 'Bad Name', port: 'eighty', tls: false, token: '', owner: '' });
  assert.deepEqual(Object.keys(r.errors).sort(), ['owner', 'port', 'project_name', 'token']);
  assert.equal(r.errors.project_name, 'must match /^[a-z][a-z0-9-]*$/; got "Bad Name"');
  assert.equal(r.errors.port, 'expected an integer, got "eighty"');
  assert.equal(r.errors.token, 'is required by app');
  assert.match(checkVariablesForm([app], { port: '80' }).errors.port ?? '', /^must be ≥ 1024; got 80$/);
  assert.match(checkVariablesForm([app], { project_name: 'a' }).errors.project_name ?? '', /at least 2 characters/);
  assert.match(checkVariablesForm([app], { labels: '[1]' }).errors.labels ?? '', /expected a JSON object/);
});

test('a valid form gives the coerced values; fields left at their default are left to the run', () => {
  const m = form();
  const r = checkVariablesForm([app], {
    ...m.values,
    project_name: 'shop',
    port: ' 9000 ',
    tls: false,
    token: 's3cret',
    owner: 'me',
    features: ['a'],
    labels: '{"team":"x"}',
  });
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.values, {
    project_name: 'shop',
    port: 9000,
    tls: false,
    features: ['a'],
    labels: { team: 'x' },
    token: 's3cret',
    owner: 'me',
  });
  const defaults = checkVariablesForm([app], { ...m.values, token: 't', owner: 'me' });
  assert.deepEqual(defaults.values, { token: 't', owner: 'me' }, 'defaults are not sent: the run takes them itself');
  assert.deepEqual(
    checkVariablesForm([app], { ...m.values, project_name: '', token: 't', owner: 'me' }).errors,
    {},
    'empty takes the default',
  );
});

test('a default that breaks its own rule is reported like the run would', () => {
  const bad: FormPack = { name: 'bad', variables: [def('n', { default: 'UP', validation: { pattern: '^[a-z]+$' } })] };
  assert.equal(checkVariablesForm([bad], { n: 'UP' }).errors.n, 'its default must match /^[a-z]+$/; got "UP"');
});

test('remembered values start the form, never for a secret, and only when they fit the control', () => {
  const m = form([app], { project_name: 'kept', tls: false, token: 'leaked', port: true, features: ['x'] });
  assert.equal(m.values.project_name, 'kept');
  assert.equal(m.values.tls, false);
  assert.equal(m.values.token, '', 'a remembered secret is ignored');
  assert.equal(m.values.port, '8080', 'a boolean does not fit a text field');
  assert.deepEqual(m.values.features, ['x']);
  const kept = rememberedValues(m, { ...m.values, token: 's3cret' });
  assert.equal('token' in kept, false, 'a secret is never remembered');
  assert.equal(kept.project_name, 'kept');
});

test('a secret with a default shows no default', () => {
  const m = form([{ name: 's', variables: [def('key', { secret: true, default: 'k3y' })] }]);
  const [f] = formFields(m);
  assert.equal(f?.default, null);
  assert.equal(f?.hasDefault, true);
  assert.equal(f?.required, false);
  assert.equal(m.values.key, '');
  assert.doesNotMatch(JSON.stringify(m), /k3y/, 'the secret default never reaches the webview');
});

test("a composition's own values stand in for the defaults: shown, left to the run when unchanged, checked", () => {
  const preset = { project_name: 'shop', port: '9090' };
  const m = buildVariablesForm([app], { title: 'Compose', target: '/w', preset });
  const byName = Object.fromEntries(formFields(m).map((f) => [f.name, f]));
  assert.equal(byName.project_name?.default, 'shop');
  assert.equal(m.values.project_name, 'shop');
  assert.equal(m.values.port, '9090');
  const r = checkVariablesForm([app], { ...m.values, token: 't', owner: 'me' }, preset);
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.values, { token: 't', owner: 'me' }, 'unchanged: the composition layer provides them');
  assert.match(checkVariablesForm([app], {}, { port: '80' }).errors.port ?? '', /^its default must be ≥ 1024/);
  assert.match(checkVariablesForm([app], {}, { port: 'x' }).errors.port ?? '', /^its default is not valid: expected an integer/);
});
