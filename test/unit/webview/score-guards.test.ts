import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isScorePanelState, SCORE_GUARDS } from '../../../protocol/score-panel';

const range = { start: { line: 22, column: 8 }, end: { line: 22, column: 20 } };

test('load, pick and painted take an empty object and nothing else', () => {
  for (const m of ['load', 'pick', 'painted'] as const) {
    assert.equal(SCORE_GUARDS[m]({}), true, m);
    for (const bad of [null, undefined, [], 'x', 1, { extra: 1 }]) assert.equal(SCORE_GUARDS[m](bad), false, `${m} ${JSON.stringify(bad)}`);
  }
});

test('open accepts a relative file or null, with a 1-based range or null', () => {
  for (const good of [
    { file: 'pack.toml', range },
    { file: null, range },
    { file: 'templates/a.txt', range: null },
    { file: null, range: null },
  ])
    assert.equal(SCORE_GUARDS.open(good), true, JSON.stringify(good));
});

test('open refuses malformed params', () => {
  const bad: unknown[] = [
    {},
    null,
    { file: 'pack.toml' },
    { range: null },
    { file: 'pack.toml', range: null, extra: true },
    { file: '', range: null },
    { file: 'a\0b', range: null },
    { file: 3, range: null },
    { file: 'x'.repeat(5000), range: null },
    { file: null, range: { start: { line: 0, column: 1 }, end: { line: 1, column: 1 } } },
    { file: null, range: { start: { line: 1, column: 1.5 }, end: { line: 1, column: 2 } } },
    { file: null, range: { start: { line: 1, column: 1 } } },
    { file: null, range: { start: { line: '1', column: 1 }, end: { line: 1, column: 1 } } },
    { file: null, range: { start: { line: 1, column: 1, x: 0 }, end: { line: 1, column: 1 } } },
    { file: null, range: [1, 2] },
  ];
  for (const p of bad) assert.equal(SCORE_GUARDS.open(p), false, JSON.stringify(p));
});

test('the serializer state needs a folder and a name', () => {
  assert.equal(isScorePanelState({ dir: '/w/p', name: 'p' }), true);
  for (const bad of [undefined, null, {}, { dir: '', name: 'p' }, { dir: '/w/p' }, { dir: 1, name: 'p' }, 'x'])
    assert.equal(isScorePanelState(bad), false, JSON.stringify(bad));
});
