import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue, LintCategory } from '../../../protocol';
import { LINT_CATEGORIES, validationScore } from '../../../engine/lint';

const issue = (severity: Issue['severity'], category?: LintCategory): Issue => ({
  code: 'packs/x',
  severity,
  message: 'm',
  file: null,
  range: null,
  ...(category && { category }),
});

test('validationScore counts each issue in its category; one without a category counts as metadata', () => {
  const { score, categories } = validationScore([
    issue('error', 'queries'),
    issue('warning', 'queries'),
    issue('error'),
    issue('info', 'variables'),
  ]);
  assert.deepEqual(Object.keys(categories), [...LINT_CATEGORIES]);
  assert.equal(categories.queries, 75);
  assert.equal(categories.metadata, 80);
  assert.equal(categories.variables, 100);
  assert.equal(score, Math.floor((75 + 80 + 400) / 6));
});
