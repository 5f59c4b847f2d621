// The line-oriented local index: lookups by name find exactly the entries a full parse finds,
// for any set of names (fast-check), and torn writes are detected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIndexLines, IndexLines } from '../../../engine/registry/index-lines';
import type { IndexEntry } from '../../../engine/registry/local-index';

const entry = (name: string, version: string): IndexEntry => ({
  name,
  version,
  title: null,
  description: `${name} ${version}`,
  category: 'custom',
  tags: [],
  templates: [],
  dependencies: [],
  integrity: 'sha512-x',
  explicit: true,
  from: 'test',
  installedAt: '2026-01-01T00:00:00.000Z',
});

const view = (entries: IndexEntry[]) => IndexLines.parse(Buffer.from(formatIndexLines({ version: 2, stamp: 's' }, entries)), 2)!;
const nameArb = fc.stringMatching(/^(@[a-z]{1,3}\/)?[a-z][a-z0-9-]{0,8}$/);

test('byName finds exactly the entries of a name, in version order; names/header agree with a full parse', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(nameArb, fc.constantFrom('1.0.0', '1.1.0', '2.0.0')), { maxLength: 60 }), nameArb, (pairs, probe) => {
      const unique = [...new Map(pairs.map(([n, v]) => [`${n}@${v}`, entry(n, v)])).values()];
      const idx = view(unique);
      const all = idx.all();
      assert.equal(all.length, unique.length);
      assert.equal(idx.header.count, unique.length);
      const distinct = [...new Set(all.map((e) => e.name))];
      assert.equal(idx.header.names, distinct.length);
      assert.deepEqual(idx.names(), distinct);
      assert.deepEqual(idx.names(3), distinct.slice(0, 3));
      for (const n of [...distinct, probe]) {
        assert.deepEqual(
          idx.byName(n).map((e) => e.version),
          all.filter((e) => e.name === n).map((e) => e.version),
        );
      }
    }),
    { numRuns: 300 },
  );
});

test('a torn or foreign file is not an index', () => {
  const text = formatIndexLines({ version: 2, stamp: 's' }, [entry('a', '1.0.0'), entry('b', '1.0.0')]);
  assert.ok(IndexLines.parse(Buffer.from(text), 2));
  assert.equal(IndexLines.parse(Buffer.from(text.slice(0, -10)), 2), null, 'truncated mid-line');
  assert.equal(IndexLines.parse(Buffer.from(text), 1), null, 'other version');
  assert.equal(IndexLines.parse(Buffer.from('{ not json\n'), 2), null);
  assert.equal(IndexLines.parse(Buffer.from(''), 2), null);
});
