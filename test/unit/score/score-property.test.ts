import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HOOK_STAGES, type HookDef, type Manifest } from '../../../engine/manifest/model';
import { DIMENSIONS, maturityLevel, scorePack } from '../../../engine/score';

const text = fc.string({ maxLength: 260 });

// Optional manifest fields are absent or set (never present as undefined): keys outside `requiredKeys` may be left out.
const manifestArb: fc.Arbitrary<Manifest> = fc.record({
  metadata: fc.record(
    {
      name: fc.string({ maxLength: 20 }),
      version: fc.constant('1.0.0'),
      title: text,
      description: fc.string({ maxLength: 260 }),
      category: fc.constant('custom' as const),
      tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 6 }),
      license: text,
      repository: text,
      homepage: text,
      author: fc.record({ email: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ['name', 'version', 'description', 'category', 'tags'] },
  ),
  excludes: fc.constant([]),
  templates: fc.array(
    fc.record({ hasConfig: fc.boolean(), explicitPriority: fc.boolean() }).map((t) => ({
      alias: 't',
      priority: 100,
      source: { type: 'local' as const, path: 't' },
      config: { skipIfExists: false, overwrite: false, merge: false, preserve: [] },
      variables: {},
      conditions: [],
      index: 0,
      ...t,
    })),
    { maxLength: 7 },
  ),
  rdf: fc.constant({ files: [], prefixes: {} }),
  queries: fc.array(
    fc
      .record({ description: text }, { requiredKeys: [] })
      .map((q) => ({ name: 'q', source: { type: 'inline' as const, query: '' }, parameters: {}, priority: 100, index: 0, ...q })),
    { maxLength: 7 },
  ),
  variables: fc.array(
    fc
      .record(
        {
          description: text,
          type: fc.constantFrom('string' as const, 'enum' as const, 'integer' as const),
          values: fc.array(fc.string(), { maxLength: 3 }),
          validation: fc.record({ pattern: fc.constant('^a'), min: fc.integer() }, { requiredKeys: [] }),
        },
        { requiredKeys: ['type'] },
      )
      .map((v) => ({ name: 'v', required: false, examples: [], secret: false, index: 0, ...v })),
    { maxLength: 9 },
  ),
  dependencies: fc.array(fc.record({ name: fc.string(), version: fc.constant('^1.0.0'), optional: fc.boolean() }), { maxLength: 14 }),
  hooks: fc.array(
    fc
      .constantFrom(...HOOK_STAGES)
      .map((stage): HookDef => ({ stage, name: 'h', type: 'builtin', function: 'git-init', continueOnError: false })),
    { maxLength: 5 },
  ),
  examples: fc.array(
    fc.record({ name: fc.string(), expectedOutput: text }, { requiredKeys: ['name'] }).map((e) => ({ variables: {}, ...e })),
    { maxLength: 5 },
  ),
});

test('every dimension is an integer in 0..100 and total = floor(sum·100/800)', () => {
  fc.assert(
    fc.property(manifestArb, (m) => {
      const s = scorePack(m);
      assert.deepEqual(
        s.dimensions.map((d) => d.name),
        DIMENSIONS.map(([n]) => n),
      );
      let sum = 0;
      for (const d of s.dimensions) {
        assert.ok(Number.isInteger(d.score) && d.score >= 0 && d.score <= 100, `${d.name}=${d.score}`);
        // Advice exists exactly when the dimension is below 100.
        assert.equal(d.advice.length === 0, d.score === 100, `${d.name}: ${d.score} ${JSON.stringify(d.advice)}`);
        sum += d.score;
      }
      assert.equal(s.total, Math.floor((sum * 100) / 800));
      assert.equal(s.level, maturityLevel(s.total));
    }),
    { numRuns: 500 },
  );
});
