// [[templates.conditions]]: every operator ggen's design names (serde lowercase: equals, notequals,
// contains, startswith, endswith, matches) and this engine's snake_case spellings, each with a case that
// holds and one that does not. Conditions come from a parsed manifest (aliases normalized there) and
// are also given to conditionHolds unnormalized.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../engine/manifest/load';
import type { Condition, ConditionOperator } from '../../../engine/manifest/model';
import { conditionHolds } from '../../../engine/render/conditions';

const VALUES = { database_type: 'postgres', features: ['auth', 'billing'], port: 8080, flag: true };

/** [operator as written, variable, value, holds] */
const CASES: [string, keyof typeof VALUES, string, boolean][] = [
  ['equals', 'database_type', 'postgres', true],
  ['equals', 'database_type', 'mysql', false],
  ['equals', 'flag', 'true', true],
  ['equals', 'port', '8081', false],
  ['notequals', 'database_type', 'mysql', true],
  ['notequals', 'database_type', 'postgres', false],
  ['not_equals', 'database_type', 'mysql', true],
  ['not_equals', 'database_type', 'postgres', false],
  ['contains', 'database_type', 'gres', true],
  ['contains', 'database_type', 'sql', false],
  ['contains', 'features', 'billing', true],
  ['contains', 'features', 'bill', false],
  ['startswith', 'database_type', 'post', true],
  ['startswith', 'database_type', 'gres', false],
  ['starts_with', 'database_type', 'post', true],
  ['starts_with', 'database_type', 'gres', false],
  ['endswith', 'database_type', 'gres', true],
  ['endswith', 'database_type', 'post', false],
  ['ends_with', 'database_type', 'gres', true],
  ['ends_with', 'database_type', 'post', false],
  ['matches', 'database_type', '^post(gres)?$', true],
  ['matches', 'database_type', '^my', false],
  ['matches', 'port', '^80\\d\\d$', true],
  ['matches', 'port', '^90', false],
];

const manifestConditions = (c: (typeof CASES)[number]) =>
  parseManifestText(
    `[metadata]\nname = "x"\nversion = "1.0.0"\ndescription = "a description long enough"\ncategory = "backend"\n\n` +
      `[[templates]]\nsource = { type = "inline", content = "x", to = "x" }\n\n` +
      `[[templates.conditions]]\nvariable = "${c[1]}"\noperator = "${c[0]}"\nvalue = ${JSON.stringify(c[2])}\n`,
    'toml',
    '/p/pack.toml',
  ).manifest!.templates[0]!.conditions[0]!;

for (const c of CASES) {
  const [op, variable, value, holds] = c;
  test(`${variable} ${op} ${JSON.stringify(value)} → ${holds}`, () => {
    assert.equal(conditionHolds(manifestConditions(c), VALUES, 'template `t`'), holds, 'from the manifest');
    const raw: Condition = { variable, operator: op as ConditionOperator, value };
    assert.equal(conditionHolds(raw, VALUES, 'template `t`'), holds, 'unnormalized');
  });
}

test('an absent variable compares as the empty string', () => {
  const absent = (operator: ConditionOperator, value: string) => conditionHolds({ variable: 'nope', operator, value }, VALUES, 't');
  assert.equal(absent('equals', 'postgres'), false);
  assert.equal(absent('not_equals', 'postgres'), true);
  assert.equal(absent('equals', ''), true);
});

test('matches runs on RE2: a backreference is refused with the template named', () => {
  assert.throws(
    () => conditionHolds({ variable: 'database_type', operator: 'matches', value: '(a)\\1' }, VALUES, 'template `backend`'),
    /Condition on "database_type" in template `backend`: .*RE2/,
  );
});
