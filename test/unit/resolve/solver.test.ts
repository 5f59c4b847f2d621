import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { satisfies } from 'semver';
import { ResolutionError } from '../../../engine/errors';
import { type GraphProvider, solve } from '../../../engine/resolve/solver';

/** name → version → deps (name → range, or { range, optional }). */
type Graph = Record<string, Record<string, Record<string, string | { range: string; optional: boolean }>>>;

function provider(g: Graph): GraphProvider {
  return {
    versions: (n) => Object.keys(g[n] ?? {}),
    dependencies: (n, v) =>
      Object.entries(g[n]?.[v] ?? {}).map(([name, r]) => (typeof r === 'string' ? { name, range: r, optional: false } : { name, ...r })),
  };
}
/** The dependencies of `name@version` in `g`; a version missing from the graph fails the test. */
function depsOf(g: Graph, name: string, version: string) {
  const deps = g[name]?.[version];
  assert.ok(deps, `${name}@${version} exists`);
  return deps;
}
const root = (name: string, range = '*') => [{ name, range, requirer: 'test' }];
const ids = (s: ReturnType<typeof solve>) => s.order.map((p) => `${p.name}@${p.version}`);

test('picks the highest version satisfying each range, dependencies first, root last', () => {
  const g: Graph = {
    app: { '1.0.0': { lib: '^1.0.0', util: '~2.1.0' } },
    lib: { '1.0.0': {}, '1.4.2': {}, '2.0.0': {} },
    util: { '2.1.0': {}, '2.1.9': {}, '2.2.0': {} },
  };
  assert.deepEqual(ids(solve(root('app'), provider(g))), ['lib@1.4.2', 'util@2.1.9', 'app@1.0.0']);
});

test('exact versions, ranges and * (with a warning)', () => {
  const g: Graph = {
    app: { '1.0.0': { a: '1.2.3', b: '>=1.0.0 <1.5.0', c: '*' } },
    a: { '1.2.3': {}, '1.2.4': {} },
    b: { '1.4.0': {}, '1.5.0': {} },
    c: { '0.1.0': {}, '3.0.0': {} },
  };
  const s = solve(root('app'), provider(g));
  assert.deepEqual(ids(s), ['a@1.2.3', 'b@1.4.0', 'c@3.0.0', 'app@1.0.0']);
  assert.ok(s.warnings.some((w) => w.includes('app@1.0.0 accepts any version of c')));
});

test('pre-releases only when the range asks for them', () => {
  const g: Graph = { app: { '1.0.0': { a: '^1.0.0' } }, a: { '1.0.0': {}, '1.1.0-beta.1': {} } };
  assert.deepEqual(ids(solve(root('app'), provider(g))), ['a@1.0.0', 'app@1.0.0']);
  const g2: Graph = { app: { '1.0.0': { a: '^1.1.0-beta.0' } }, a: { '1.0.0': {}, '1.1.0-beta.1': {} } };
  assert.deepEqual(ids(solve(root('app'), provider(g2))), ['a@1.1.0-beta.1', 'app@1.0.0']);
});

test('diamond dependencies are resolved once, to a version both sides accept', () => {
  const g: Graph = {
    app: { '1.0.0': { left: '^1.0.0', right: '^1.0.0' } },
    left: { '1.0.0': { base: '^1.2.0' } },
    right: { '1.0.0': { base: '>=1.0.0 <1.4.0' } },
    base: { '1.0.0': {}, '1.2.5': {}, '1.3.0': {}, '1.4.0': {} },
  };
  const s = solve(root('app'), provider(g));
  assert.deepEqual(ids(s), ['base@1.3.0', 'left@1.0.0', 'right@1.0.0', 'app@1.0.0']);
});

test('backtracks over candidate versions when the newest leads to a conflict', () => {
  // devops 3.x needs monitoring ^2, which the app excludes: the solver must fall back to devops 2.x.
  const g: Graph = {
    app: { '1.0.0': { devops: '>=2.0.0', monitoring: '^1.0.0' } },
    devops: { '2.0.0': { monitoring: '^1.0.0' }, '2.5.0': { monitoring: '^1.1.0' }, '3.0.0': { monitoring: '^2.0.0' } },
    monitoring: { '1.0.0': {}, '1.2.0': {}, '2.0.0': {} },
  };
  assert.deepEqual(ids(solve(root('app'), provider(g))), ['monitoring@1.2.0', 'devops@2.5.0', 'app@1.0.0']);
});

test('no solution names every requirer, its range and the available versions', () => {
  const g: Graph = {
    top: { '1.0.0': { 'startup-pack': '1.2.0', x: '1.0.0' } },
    'startup-pack': { '1.2.0': { 'devops-pack': '^2.0.0' } },
    x: { '1.0.0': { 'devops-pack': '^3.0.0' } },
    'devops-pack': { '2.1.0': {}, '3.0.0': {} },
  };
  assert.throws(
    () => solve(root('top'), provider(g)),
    (e: unknown) =>
      e instanceof ResolutionError &&
      e.exitCode === 3 &&
      e.message.includes('no version of devops-pack satisfies') &&
      e.message.includes('^2.0.0 (required by startup-pack@1.2.0)') &&
      e.message.includes('^3.0.0 (required by x@1.0.0)') &&
      e.message.includes('available: 2.1.0, 3.0.0'),
  );
});

test('a missing package is a resolution error naming its requirer', () => {
  const g: Graph = { app: { '1.0.0': { ghost: '^1.0.0' } } };
  assert.throws(() => solve(root('app'), provider(g)), /no pack named ghost is available; \^1\.0\.0 \(required by app@1\.0\.0\)/);
});

test('cycles are errors that print the path', () => {
  const g: Graph = { a: { '1.0.0': { b: '^1.0.0' } }, b: { '1.0.0': { c: '^1.0.0' } }, c: { '1.0.0': { a: '^1.0.0' } } };
  assert.throws(
    () => solve(root('a'), provider(g)),
    (e: unknown) => e instanceof ResolutionError && e.message.includes('a → b → c → a'),
  );
  const self: Graph = { a: { '1.0.0': { a: '*' } } };
  assert.throws(() => solve(root('a'), provider(self)), /a → a/);
});

test('optional dependencies only with includeOptional', () => {
  const g: Graph = { app: { '1.0.0': { mon: { range: '^1.0.0', optional: true } } }, mon: { '1.0.0': {} } };
  assert.deepEqual(ids(solve(root('app'), provider(g))), ['app@1.0.0']);
  assert.deepEqual(ids(solve(root('app'), provider(g), { includeOptional: true })), ['mon@1.0.0', 'app@1.0.0']);
});

test('pins win over newer versions', () => {
  const g: Graph = { app: { '1.0.0': { lib: '^1.0.0' } }, lib: { '1.0.0': {}, '1.5.0': {} } };
  assert.deepEqual(ids(solve(root('app'), provider(g), { pins: { lib: '1.0.0' } })), ['lib@1.0.0', 'app@1.0.0']);
});

test('depth above 5 warns with the chain', () => {
  const g: Graph = {};
  const names = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
  names.forEach((n, i) => {
    const next = names[i + 1];
    g[n] = { '1.0.0': next === undefined ? {} : { [next]: '^1.0.0' } };
  });
  const s = solve(root('p0'), provider(g));
  assert.equal(s.order.length, 7);
  assert.ok(s.warnings.some((w) => w.includes('6 levels deep') && w.includes('p0 → p1')));
});

test('an invalid range in a manifest is a resolution error naming the requirer', () => {
  const g: Graph = { app: { '1.0.0': { lib: 'not a range!' } }, lib: { '1.0.0': {} } };
  assert.throws(() => solve(root('app'), provider(g)), /app@1\.0\.0 requires lib "not a range!"/);
});

test('property: any returned solution satisfies every constraint; failures are ResolutionErrors', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  const versions = ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '2.1.0'];
  const rangeArb = fc.constantFrom('^1.0.0', '^1.1.0', '~1.2.0', '^2.0.0', '>=1.1.0 <2.1.0', '1.0.0', '2.1.0', '*');
  // Dependencies only point to later names, so the graphs are acyclic.
  const graphArb = fc.tuple(
    ...names.map((_, i) =>
      fc.dictionary(
        fc.constantFrom(...versions),
        fc.dictionary(fc.constantFrom(...(names.slice(i + 1).length ? names.slice(i + 1) : ['zz'])), rangeArb, { maxKeys: 3 }),
        { minKeys: 1, maxKeys: 4 },
      ),
    ),
  );
  fc.assert(
    fc.property(graphArb, rangeArb, (parts, rootRange) => {
      const g: Graph = {};
      names.forEach((n, i) => {
        const part = parts[i];
        assert.ok(part, `a generated version table for ${n}`);
        g[n] = Object.fromEntries(
          Object.entries(part).map(([v, deps]) => [v, Object.fromEntries(Object.entries(deps).filter(([d]) => d !== 'zz'))]),
        );
      });
      let s;
      try {
        s = solve(root('a', rootRange), provider(g));
      } catch (e) {
        assert.ok(e instanceof ResolutionError, String(e));
        return;
      }
      const chosen = new Map(s.order.map((p) => [p.name, p.version]));
      assert.equal(chosen.size, s.order.length, 'each package once');
      assert.ok(satisfies(chosen.get('a')!, rootRange));
      const pos = new Map(s.order.map((p, i) => [p.name, i]));
      for (const [n, v] of chosen) {
        for (const [d, r] of Object.entries(depsOf(g, n, v))) {
          const range = typeof r === 'string' ? r : r.range;
          assert.ok(chosen.has(d), `${d} chosen`);
          assert.ok(satisfies(chosen.get(d)!, range), `${d}@${chosen.get(d)} satisfies ${range}`);
          assert.ok(pos.get(d)! < pos.get(n)!, 'dependencies first');
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('property: when a solution exists the solver finds one (checked against brute force)', () => {
  const versions = ['1.0.0', '1.1.0', '2.0.0'];
  const rangeArb = fc.constantFrom('^1.0.0', '^2.0.0', '1.1.0', '>=1.1.0', '*');
  const graphArb = fc.tuple(
    fc.dictionary(fc.constantFrom(...versions), fc.dictionary(fc.constantFrom('b', 'c'), rangeArb, { maxKeys: 2 }), { minKeys: 1 }),
    fc.dictionary(fc.constantFrom(...versions), fc.dictionary(fc.constantFrom('c'), rangeArb, { maxKeys: 1 }), { minKeys: 1 }),
    fc.dictionary(fc.constantFrom(...versions), fc.constant({}), { minKeys: 1 }),
  );
  fc.assert(
    fc.property(graphArb, ([a, b, c]) => {
      const g: Graph = { a, b, c };
      // Brute force over every assignment (absent = not needed).
      const opts = (table: Graph[string]) => [undefined, ...Object.keys(table)];
      let exists = false;
      for (const va of Object.keys(a))
        for (const vb of opts(b))
          for (const vc of opts(c)) {
            const pick: Record<string, string | undefined> = { a: va, b: vb, c: vc };
            const ok = Object.entries(pick).every(
              ([n, v]) =>
                v === undefined ||
                Object.entries(depsOf(g, n, v)).every(([d, r]) => pick[d] !== undefined && satisfies(pick[d], r as string)),
            );
            if (ok) exists = true;
          }
      let solved = true;
      try {
        solve(root('a'), provider(g));
      } catch {
        solved = false;
      }
      assert.equal(solved, exists);
    }),
    { numRuns: 300 },
  );
});
