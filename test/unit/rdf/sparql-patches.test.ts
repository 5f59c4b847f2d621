// engine/rdf/patches/runtime.ts, what the patched Comunica modules of dist/sparql.js call
// (scripts/sparql-patches.mjs; test/e2e/sparql-bundle.test.ts runs them through real queries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataFactory } from 'n3';
import { compareCodePoints, memoizePerContext, solutionKey, termKey } from '../../../engine/rdf/patches/runtime';

const byCodePoints = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
  return Math.sign(x.length - y.length);
};

test('compareCodePoints is code-point order, also across the surrogate range', () => {
  const alphabet = ['a', 'B', 'é', 'e\u0301', 'ı', 'İ', '\uD7FF', '\uE000', '\uFFFD', '\u{10000}', '\u{1F600}', ''];
  let seed = 7;
  const pick = () => alphabet[(seed = (seed * 48271) % 2147483647) % alphabet.length]!;
  for (let n = 0; n < 2000; n++) {
    const a = pick() + pick() + pick();
    const b = pick() + pick() + pick();
    assert.equal(compareCodePoints(a, b), byCodePoints(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  assert.equal(compareCodePoints('\uFFFD', '\u{1F600}'), -1, 'JS < says the opposite');
});

test('solutionKey tells apart every pair of distinct terms, and unbound from bound', () => {
  const df = DataFactory;
  const terms = [
    df.literal('abc'),
    df.literal('abc', 'en'),
    df.literal('abc', 'de'),
    df.literal('abc', df.namedNode('http://t')),
    df.namedNode('abc'),
    df.blankNode('abc'),
    df.literal('x"-"y', df.namedNode('http://t')),
    df.literal('x'),
    df.literal('y', df.namedNode('http://t-')),
    df.quad(df.namedNode('s'), df.namedNode('p'), df.literal('o')),
  ];
  assert.equal(new Set(terms.map((t) => termKey(t))).size, terms.length);
  const vars = ['a', 'b'];
  const row = (a?: (typeof terms)[number], b?: (typeof terms)[number]) => ({
    get: (v: unknown) => (v === 'a' ? a : v === 'b' ? b : undefined),
  });
  assert.notEqual(solutionKey(row(terms[6]), vars), solutionKey(row(terms[7], terms[8]), vars));
  assert.notEqual(solutionKey(row(terms[0]), vars), solutionKey(row(undefined, terms[0]), vars));
  assert.equal(solutionKey(row(df.literal('abc'), df.literal('abc', 'en')), vars), solutionKey(row(terms[0], terms[1]), vars));
});

test('memoizePerContext builds once per owner, context and key', () => {
  const [owner, ctx, other, key] = [{}, {}, {}, {}];
  let made = 0;
  const make = () => ++made;
  assert.equal(memoizePerContext(owner, ctx, key, make), 1);
  assert.equal(memoizePerContext(owner, ctx, key, make), 1);
  assert.equal(memoizePerContext(owner, other, key, make), 2);
  assert.equal(memoizePerContext({}, ctx, key, make), 3);
});
