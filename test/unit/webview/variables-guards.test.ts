// VARIABLES_GUARDS: the host checks every message of the variables form before a handler sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VARIABLES_GUARDS, isFieldKind, isFieldValue } from '../../../protocol/variables-form';

test('good params are accepted', () => {
  assert.equal(VARIABLES_GUARDS.init({}), true);
  assert.equal(VARIABLES_GUARDS.cancel({}), true);
  assert.equal(VARIABLES_GUARDS.painted({}), true);
  const values = { name: 'demo', tls: true, features: ['a', 'b'], empty: [] };
  assert.equal(VARIABLES_GUARDS.validate({ values }), true);
  assert.equal(VARIABLES_GUARDS.submit({ values }), true);
  assert.equal(VARIABLES_GUARDS.submit({ values: {} }), true);
});

test('malformed params are refused', () => {
  for (const bad of [null, undefined, 'x', [], { extra: 1 }]) {
    assert.equal(VARIABLES_GUARDS.init(bad), false, JSON.stringify(bad));
    assert.equal(VARIABLES_GUARDS.cancel(bad), false, JSON.stringify(bad));
    assert.equal(VARIABLES_GUARDS.painted(bad), false, JSON.stringify(bad));
  }
  for (const bad of [
    {},
    null,
    { values: null },
    { values: [] },
    { values: 'a=b' },
    { values: { n: 1 } },
    { values: { n: null } },
    { values: { n: { nested: 'x' } } },
    { values: { n: ['a', 2] } },
    { values: {}, extra: true },
  ]) {
    assert.equal(VARIABLES_GUARDS.validate(bad), false, JSON.stringify(bad));
    assert.equal(VARIABLES_GUARDS.submit(bad), false, JSON.stringify(bad));
  }
});

test('field values and kinds', () => {
  assert.equal(isFieldValue(''), true);
  assert.equal(isFieldValue(false), true);
  assert.equal(isFieldValue([]), true);
  assert.equal(isFieldValue(3), false);
  assert.equal(isFieldKind('secret'), true);
  assert.equal(isFieldKind('list'), false, "the engine's list is the form's array");
});
