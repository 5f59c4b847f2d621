import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RULES } from '../../../engine/lint';
import { FIXTURES, goldenCases, lintCase, readExpected, toExpected, writeExpected } from './golden-support';

const cases = goldenCases();
/** `UPDATE_GOLDEN=1` rewrites each expected.json from the current lint instead of comparing. */
const update = process.env.UPDATE_GOLDEN === '1';

test('the good pack lints clean', () => {
  assert.deepEqual(lintCase(join(FIXTURES, 'good')), []);
});

for (const c of cases) {
  test(`golden: ${c}`, () => {
    const dir = join(FIXTURES, c);
    const issues = lintCase(dir);
    const actual = toExpected(dir, issues);
    if (update) writeExpected(dir, actual);
    else assert.deepEqual(actual, readExpected(dir));
    for (const i of issues) {
      assert.ok(i.range, `${i.code} has a range`);
      assert.ok(i.message.length > 10, `${i.code} says what is wrong`);
      assert.ok(i.category, `${i.code} has a validation-score category`);
    }
  });
}

test('every rule has a golden case that triggers it', () => {
  const triggered = new Set(cases.flatMap((c) => readExpected(join(FIXTURES, c)).map((e) => e.code)));
  const missing = RULES.map((r) => `packs/${r.meta.id}`).filter((code) => !triggered.has(code));
  assert.deepEqual(missing, []);
});
