import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { session } from './cli-session';

test('score by path: table with advice (human) and MaturityScore (json)', () => {
  const s = session();
  assert.equal(s.run('create', '--name', 'scored-pack').code, 0);
  const human = s.run('score', './scored-pack');
  assert.equal(human.code, 0, human.stderr);
  for (const d of ['metadata', 'templates', 'queries', 'variables', 'dependencies', 'documentation', 'examples', 'hooks']) {
    assert.match(human.stdout, new RegExp(`^  ${d}\\s+\\d+`, 'm'));
  }
  assert.match(human.stdout, /^\s+total\s+\d+\s+(Experimental|Beta|Production|Enterprise)$/m);
  const j = s.json('score', './scored-pack');
  assert.equal(j.code, 0);
  assert.equal(j.doc.ok, true);
  assert.deepEqual(Object.keys(j.doc.data).sort(), ['dimensions', 'level', 'total']);
  assert.equal(j.doc.data.dimensions.length, 8);
  const sum = j.doc.data.dimensions.reduce((a: number, d: { score: number }) => a + d.score, 0);
  assert.equal(j.doc.data.total, Math.floor((sum * 100) / 800));
  for (const d of j.doc.data.dimensions) assert.ok(Array.isArray(d.advice));
});

test('score by name resolves through the store; missing names exit 7', () => {
  const outer = session();
  // A catalog folder holding one pack, used as the bundled source.
  assert.equal(outer.run('create', '--name', 'catalog-pack', '--output', 'catalog/catalog-pack').code, 0);
  const s = session({ bundledDir: join(outer.cwd, 'catalog') });
  const j = s.json('score', 'catalog-pack');
  assert.equal(j.code, 0, j.stdout + j.stderr);
  assert.ok(j.doc.data.total >= 40);
  assert.equal(s.json('score', 'catalog-pack@^0.1.0').code, 0);
  assert.equal(s.run('score', 'catalog-pack@^0.1.0', '--version', '0.1.0').code, 2);
  assert.equal(s.run('score', 'no-such-pack').code, 7);
});
