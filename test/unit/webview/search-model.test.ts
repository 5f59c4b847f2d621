// The search panel's pure state (webview/search/model.ts): what survives a reload, keyboard
// navigation, which answer is shown while typing, and the words of the result line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SearchRow } from '../../../protocol/search-panel';
import {
  INITIAL_STATE,
  keepSelection,
  LatestOnly,
  moveSelection,
  queryOf,
  restoreState,
  resultLine,
  rowLabel,
} from '../../../webview/search/model';

const row = (name: string, extra: Partial<SearchRow> = {}): SearchRow => ({
  name,
  version: '1.0.0',
  title: null,
  description: `${name} description`,
  category: 'web',
  tags: [],
  source: 'bundled',
  installed: false,
  relevance: 1,
  maturity: 80,
  level: 'Production',
  ...extra,
});
const rows = ['a', 'b', 'c', 'd'].map((n) => row(n));

test('a saved state comes back field by field; junk falls back to the defaults', () => {
  const saved = { query: 'mon', category: 'web', tag: null, minScore: 70, selected: 'b', details: true };
  assert.deepEqual(restoreState(saved), saved);
  assert.deepEqual(restoreState(undefined), INITIAL_STATE);
  assert.deepEqual(restoreState('garbage'), INITIAL_STATE);
  const odd = restoreState({ query: 5, category: ['x'], minScore: 55, selected: null, details: true });
  assert.deepEqual(odd, { ...INITIAL_STATE }, 'wrong types, a minimum that is not offered, details without a selection');
  assert.deepEqual(queryOf(restoreState(saved)), { query: 'mon', category: 'web', tag: null, minScore: 70 });
});

test('arrow keys, Home/End and Page keys move the selection and stop at the ends', () => {
  assert.equal(moveSelection(rows, null, 'ArrowDown'), 'a', 'from nothing: the first row');
  assert.equal(moveSelection(rows, 'a', 'ArrowDown'), 'b');
  assert.equal(moveSelection(rows, 'd', 'ArrowDown'), 'd');
  assert.equal(moveSelection(rows, 'a', 'ArrowUp'), 'a');
  assert.equal(moveSelection(rows, 'c', 'ArrowUp'), 'b');
  assert.equal(moveSelection(rows, 'b', 'End'), 'd');
  assert.equal(moveSelection(rows, 'c', 'Home'), 'a');
  assert.equal(moveSelection(rows, 'a', 'PageDown', 2), 'c');
  assert.equal(moveSelection(rows, 'b', 'PageUp', 2), 'a');
  assert.equal(moveSelection([], 'a', 'ArrowDown'), null);
  assert.equal(moveSelection(rows, 'gone', 'ArrowDown'), 'a', 'a selection no longer listed restarts at the top');
});

test('a new answer keeps the selected pack when it is still listed, else selects the first', () => {
  assert.equal(keepSelection(rows, 'c'), 'c');
  assert.equal(keepSelection(rows, 'zz'), 'a');
  assert.equal(keepSelection([], 'c'), null);
});

test('only the newest question’s answer is wanted', () => {
  const latest = new LatestOnly();
  const first = latest.ask();
  const second = latest.ask();
  assert.equal(latest.isLatest(first), false);
  assert.equal(latest.isLatest(second), true);
});

test('the result line counts packs, says when the list is cut and how long the engine took', () => {
  assert.equal(resultLine(0, 0, 1), 'No packs match');
  assert.equal(resultLine(1, 1, 2.345), '1 pack · 2.3 ms');
  assert.equal(resultLine(50, 120, 12.6), '120 packs (first 50 shown) · 13 ms');
});

test('a row’s label for screen readers names the pack, its source, installed state and score when known', () => {
  assert.equal(
    rowLabel(row('monitoring-pack', { installed: true, source: 'local', title: 'Monitoring' })),
    'monitoring-pack 1.0.0, Monitoring, monitoring-pack description, source installed, installed, score 80, Production',
  );
  assert.doesNotMatch(rowLabel(row('x', { maturity: null, level: null })), /score/);
});
