// The search panel's engine call (engine/registry/browse.ts) over the real bundled catalog: ranking
// with a typo, the category / tag / minimum-score filters, the facets, and maturity scores that a
// keystroke never waits for (null until computed, then carried by every later answer).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join, resolve } from 'node:path';
import { browsePacks, maturityOf, packBrowser } from '../../../engine/registry/browse';
import { scorePack } from '../../../engine/score';
import { openStore } from '../../../engine/registry/store';
import { tempDir } from './helpers';

const CATALOG = resolve(import.meta.dirname, '../../../examples/packs');
const store = () => openStore(join(tempDir('packs-browse-'), 'home'), { bundledDir: CATALOG });
const q = (query: string, extra: Partial<{ category: string | null; tag: string | null; minScore: number; limit: number }> = {}) => ({
  query,
  category: null,
  tag: null,
  minScore: 0,
  ...extra,
});

test('an empty query lists every pack by name; a query with a typo ranks the right pack first', () => {
  const s = store();
  const all = browsePacks(s, q(''));
  assert.equal(all.total, 9);
  assert.deepEqual(
    all.rows.map((r) => r.name),
    [...all.rows.map((r) => r.name)].sort(),
  );
  const typo = browsePacks(s, q('mointoring'));
  assert.equal(typo.rows[0]?.name, 'monitoring-pack');
  assert.ok(typo.rows[0].relevance > 0);
  assert.equal(browsePacks(s, q('zzzzqqq')).total, 0);
});

test('category and tag narrow the answer; the facets list every choice over all packs', () => {
  const s = store();
  const devops = browsePacks(s, q('', { category: 'devops' }));
  assert.deepEqual(devops.rows.map((r) => r.name).sort(), ['devops-pack', 'k8s-manifests']);
  const sparql = browsePacks(s, q('', { tag: 'sparql' }));
  assert.ok(sparql.rows.length >= 3 && sparql.rows.every((r) => r.tags.includes('sparql')));
  const both = browsePacks(s, q('', { category: 'devops', tag: 'sparql' }));
  assert.deepEqual(
    both.rows.map((r) => r.name),
    ['k8s-manifests'],
  );
  assert.ok(devops.facets.categories.includes('monitoring'), 'facets ignore the filters');
  assert.ok(devops.facets.tags.includes('rust'));
  assert.deepEqual(devops.facets.categories, [...devops.facets.categories].sort());
});

test('rows carry a maturity score only once it was computed; the limit cuts rows, not the total', () => {
  const s = store();
  const browse = packBrowser(s);
  const first = browse(q('', { limit: 3 }));
  assert.equal(first.rows.length, 3);
  assert.equal(first.total, 9);
  // Nothing computed a score yet in this process (the minimum-score test runs after this one).
  const unscored = first.rows.filter((r) => r.maturity === null);
  assert.equal(unscored.length, 3);
  for (const r of unscored) maturityOf(s, r);
  const again = browse(q('', { limit: 3 }));
  for (const r of again.rows) {
    assert.equal(typeof r.maturity, 'number', `${r.name} has its score now`);
    assert.equal(r.maturity, scorePack(s.load(s.find(r.name)!).manifest).total);
  }
});

test('a minimum score keeps only packs scoring at least that, computing their scores', () => {
  const s = store();
  const scores = new Map(s.summaries('all').map((x) => [x.name, scorePack(s.load(s.find(x.name)!).manifest).total]));
  const min = [...scores.values()].sort((a, b) => a - b)[4]!; // about half the catalog passes
  const r = browsePacks(s, q('', { minScore: min }));
  assert.deepEqual(
    r.rows.map((x) => x.name).sort(),
    [...scores]
      .filter(([, v]) => v >= min)
      .map(([n]) => n)
      .sort(),
  );
  assert.ok(r.rows.length < 9 && r.rows.every((x) => x.maturity !== null && x.maturity >= min));
});
