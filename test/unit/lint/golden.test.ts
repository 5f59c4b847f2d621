import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../engine/lint';
import { FIXTURES, goldenCases, lintCase, toExpected, type ExpectedIssue } from './golden-support';

const cases = goldenCases();

test('the good pack lints clean', () => {
  assert.deepEqual(lintCase(join(FIXTURES, 'good')), []);
});

for (const c of cases) {
  test(`golden: ${c}`, () => {
    const dir = join(FIXTURES, c);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedIssue[];
    const issues = lintCase(dir);
    assert.deepEqual(toExpected(dir, issues), expected);
    for (const i of issues) {
      assert.ok(i.range, `${i.code} has a range`);
      assert.ok(i.message.length > 10, `${i.code} says what is wrong`);
    }
  });
}

test('every rule has a golden case that triggers it', () => {
  const triggered = new Set(
    cases.flatMap((c) => (JSON.parse(readFileSync(join(FIXTURES, c, 'expected.json'), 'utf8')) as ExpectedIssue[]).map((e) => e.code)),
  );
  const missing = RULES.map((r) => `packs/${r.meta.id}`).filter((code) => !triggered.has(code));
  assert.deepEqual(missing, []);
});
