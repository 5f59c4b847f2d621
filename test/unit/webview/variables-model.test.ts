// The variables form's webview state (webview/variables/model.ts), no DOM: touched fields show their
// messages while typing, a refused submit shows all and names the first bad field, stale validation
// answers are dropped, a submit cannot run twice, and what survives a hide/show holds no secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormField, FormModel } from '../../../protocol/variables-form';
import { FormState, fieldMessage, itemsToLines, linesToItems } from '../../../webview/variables/model';

const field = (name: string, kind: FormField['kind'] = 'string', extra: Partial<FormField> = {}): FormField => ({
  name,
  kind,
  required: false,
  description: null,
  default: null,
  hasDefault: false,
  options: [],
  rules: [],
  packs: ['p'],
  ...extra,
});

const model: FormModel = {
  title: 'Generate from p',
  target: '/w',
  submitLabel: 'Preview',
  groups: [
    { pack: null, fields: [field('shared')] },
    { pack: 'p', fields: [field('name'), field('port', 'integer'), field('tls', 'boolean'), field('token', 'secret')] },
  ],
  values: { shared: 'x', name: 'demo', port: '80', tls: true, token: '' },
};

test('starts from the model values; only touched fields show their messages while typing', () => {
  const s = new FormState(model);
  assert.deepEqual(s.values, model.values);
  const seq = s.beginValidation();
  assert.equal(s.applyValidation(seq, { name: 'must match /x/', port: 'must be ≥ 1024; got 80' }), true);
  assert.equal(s.errorFor('name'), null, 'untouched: no message yet');
  s.set('name', 'Bad Name');
  assert.equal(s.errorFor('name'), 'must match /x/');
  assert.equal(s.errorFor('port'), null);
  assert.equal(s.invalidCount, 1);
  s.set('nope', 'x');
  assert.equal('nope' in s.values, false, 'unknown fields are ignored');
});

test('an answer to an older validation is dropped', () => {
  const s = new FormState(model);
  s.set('name', 'Bad');
  const first = s.beginValidation();
  const second = s.beginValidation();
  assert.equal(s.applyValidation(second, {}), true);
  assert.equal(s.applyValidation(first, { name: 'stale' }), false);
  assert.equal(s.errorFor('name'), null);
});

test('a refused submit shows every message and names the first bad field in form order', () => {
  const s = new FormState(model);
  assert.equal(s.canSubmit, true);
  const seq = s.beginSubmit();
  assert.equal(s.submit, 'submitting');
  assert.equal(s.canSubmit, false, 'no second submit while one runs');
  assert.equal(s.applyValidation(seq - 1, {}), false, 'a validation asked before the submit is older than it');
  const first = s.applySubmit({ accepted: false, errors: { port: 'expected an integer', shared: 'is required by p, q' } });
  assert.equal(first, 'shared', 'shared fields come first');
  assert.equal(s.submit, 'refused');
  assert.equal(s.errorFor('port'), 'expected an integer', 'untouched but shown after the refusal');
  assert.equal(s.invalidCount, 2);
  s.set('shared', 'y');
  assert.equal(s.submit, 'idle', 'editing after a refusal allows another submit');
  assert.equal(s.canSubmit, true);
});

test('an accepted submit or a cancel ends the form', () => {
  const s = new FormState(model);
  s.beginSubmit();
  assert.equal(s.applySubmit({ accepted: true, errors: {} }), null);
  assert.equal(s.done, true);
  assert.equal(s.canSubmit, false);
  s.set('name', 'late');
  assert.equal(s.values.name, 'demo', 'no edits after the end');
  const c = new FormState(model);
  c.cancel();
  assert.equal(c.done, true);
  const f = new FormState(model);
  f.beginSubmit();
  f.failSubmit();
  assert.equal(f.canSubmit, true, 'a submit the host could not answer can be retried');
});

test('the snapshot keeps values and touched fields but never a secret; restoring ignores what does not fit', () => {
  const s = new FormState(model);
  s.set('token', 's3cret');
  s.set('name', 'kept');
  const snap = s.snapshot();
  assert.equal('token' in snap.values, false);
  assert.deepEqual(snap.touched.sort(), ['name', 'token']);
  const r = new FormState(model, { values: { ...snap.values, token: 'x', tls: 'yes', gone: 'z' }, touched: [...snap.touched, 'gone'] });
  assert.equal(r.values.name, 'kept');
  assert.equal(r.values.token, '', 'a secret is never restored');
  assert.equal(r.values.tls, true, 'a string does not replace a checkbox');
  assert.equal('gone' in r.values, false);
  assert.deepEqual([...r.touched].sort(), ['name', 'token']);
});

test('list fields: one item per line; messages get the name in front', () => {
  assert.deepEqual(linesToItems(' a \n\r\nb\n  \nc'), ['a', 'b', 'c']);
  assert.equal(itemsToLines(['a', 'b']), 'a\nb');
  assert.equal(fieldMessage('project_name', 'must match /x/'), 'project_name must match /x/');
  assert.equal(fieldMessage('port', 'Expected a number'), 'Expected a number');
  assert.equal(fieldMessage('port', 'its default must be ≥ 1024; got 80'), "port's default must be ≥ 1024; got 80");
});
