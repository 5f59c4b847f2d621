import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { coerceVariableValue, validateVariableValue } from '../../../engine/manifest/coerce';
import type { VariableDef } from '../../../engine/manifest/model';

const def = (over: Partial<VariableDef>): VariableDef => ({
  name: 'v',
  type: 'string',
  required: false,
  examples: [],
  secret: false,
  index: 0,
  ...over,
});

test('integers within [min, max] validate; outside do not', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: -2e6, max: 2e6 }),
      (min, span, n) => {
        const d = def({ type: 'integer', validation: { min, max: min + span } });
        const inRange = n >= min && n <= min + span;
        assert.equal(validateVariableValue(d, n).length === 0, inRange);
      },
    ),
  );
});

test('integer strings coerce to the same number; non-integers are refused', () => {
  fc.assert(
    fc.property(fc.integer(), (n) => {
      const r = coerceVariableValue(def({ type: 'integer' }), ` ${n} `);
      assert.deepEqual(r, { ok: true, value: n });
    }),
  );
  fc.assert(
    fc.property(fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }), (x) => {
      assert.equal(coerceVariableValue(def({ type: 'integer' }), x).ok, false);
    }),
  );
});

test('strings matching the pattern with lengths in range pass; too short or too long fail', () => {
  const d = def({ validation: { pattern: '^[a-z][a-z0-9-]*$', minLength: 3, maxLength: 12 } });
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), (s) => {
      const ok = s.length >= 3 && s.length <= 12;
      assert.equal(validateVariableValue(d, s).length === 0, ok, s);
    }),
  );
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Z0-9_][a-z]{2,8}$/), (s) => {
      assert.ok(
        validateVariableValue(d, s).some((p) => p.startsWith('must match')),
        s,
      );
    }),
  );
});

test('boolean spellings: true/yes/1/on and false/no/0/off in any case', () => {
  const spellings = fc.tuple(
    fc.constantFrom('true', 'yes', '1', 'on', 'false', 'no', '0', 'off'),
    fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  );
  fc.assert(
    fc.property(spellings, ([word, upper]) => {
      const cased = [...word].map((ch, i) => (upper[i % 5] ? ch.toUpperCase() : ch)).join('');
      const r = coerceVariableValue(def({ type: 'boolean' }), cased);
      assert.deepEqual(r, { ok: true, value: ['true', 'yes', '1', 'on'].includes(word) });
    }),
  );
  fc.assert(
    fc.property(
      fc.string().filter((s) => !['true', 'yes', '1', 'on', 'false', 'no', '0', 'off'].includes(s.trim().toLowerCase())),
      (s) => {
        assert.equal(coerceVariableValue(def({ type: 'boolean' }), s).ok, false);
      },
    ),
  );
});

test('enum values validate exactly when they are listed', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 6 }), fc.string(), (values, x) => {
      const d = def({ type: 'enum', values });
      assert.equal(validateVariableValue(d, x).length === 0, values.includes(x));
    }),
  );
});

test('lists: comma-separated and JSON arrays give the same items', () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 }), (items) => {
      const d = def({ type: 'list' });
      assert.deepEqual(coerceVariableValue(d, items.join(', ')), { ok: true, value: items });
      assert.deepEqual(coerceVariableValue(d, JSON.stringify(items)), { ok: true, value: items });
    }),
  );
});
