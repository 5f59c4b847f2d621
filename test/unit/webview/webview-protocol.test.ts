// The host side of every panel's messages (protocol/webview.ts): the guard combinators and
// answerRequest, which refuses what a guard rejects and turns a handler's failure into a value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEARCH_GUARDS, type SearchPanelApi } from '../../../protocol/search-panel';
import {
  answerRequest,
  arrayOf,
  type Guards,
  type Handlers,
  isEvent,
  isNumber,
  isRequest,
  isResponse,
  isString,
  nullable,
  oneOf,
  recordOf,
  shape,
} from '../../../protocol/webview';

test('shape accepts exactly its keys, each by its guard', () => {
  const g = shape<{ a: string; b: number | null }>({ a: isString, b: nullable(isNumber) });
  assert.equal(g({ a: 'x', b: 1 }), true);
  assert.equal(g({ a: 'x', b: null }), true);
  assert.equal(g({ a: 'x' }), false, 'a missing key');
  assert.equal(g({ a: 'x', b: 1, c: 2 }), false, 'an extra key');
  assert.equal(g({ a: 1, b: 1 }), false, 'a wrong type');
  assert.equal(g(null), false);
  assert.equal(g([]), false);
  assert.equal(isNumber(Number.NaN), false);
  assert.equal(isNumber(Infinity), false);
  assert.equal(oneOf(['x', 'y'] as const)('z'), false);
  assert.equal(arrayOf(isString)(['a', 1]), false);
  assert.equal(recordOf(isString)({ a: 'x', b: 'y' }), true);
  assert.equal(recordOf(isString)({ a: 'x', b: 2 }), false);
});

test('message envelopes are recognised by their kind and fields', () => {
  assert.equal(isRequest({ kind: 'request', id: 1, method: 'search', params: {} }), true);
  assert.equal(isRequest({ kind: 'request', id: 1.5, method: 'search', params: {} }), false);
  assert.equal(isRequest({ kind: 'request', id: 1, method: 'search' }), false, 'params must be present');
  assert.equal(isResponse({ kind: 'response', id: 3, ok: true, result: null }), true);
  assert.equal(isResponse({ kind: 'response', id: 3 }), false);
  assert.equal(isEvent({ kind: 'event', payload: { event: 'storeChanged' } }), true);
  assert.equal(isEvent({ kind: 'event', payload: 'storeChanged' }), false);
});

const query = { query: 'mon', category: null, tag: null, minScore: 0 };
const pack = { name: 'monitoring-pack', version: '1.1.0', source: 'bundled' };

test('the search guards accept the webview’s requests and refuse malformed ones', () => {
  assert.equal(SEARCH_GUARDS.search(query), true);
  assert.equal(SEARCH_GUARDS.search({ ...query, minScore: '40' }), false);
  assert.equal(SEARCH_GUARDS.search({ ...query, category: 3 }), false);
  assert.equal(SEARCH_GUARDS.details(pack), true);
  assert.equal(SEARCH_GUARDS.details({ ...pack, source: 'ftp' }), false);
  assert.equal(SEARCH_GUARDS.run({ command: 'install', pack }), true);
  assert.equal(SEARCH_GUARDS.run({ command: 'rm -rf', pack }), false, 'only the listed commands run');
  assert.equal(SEARCH_GUARDS.maturity({ packs: [pack, pack] }), true);
  assert.equal(SEARCH_GUARDS.maturity({ packs: [{ name: 'x' }] }), false);
  assert.equal(SEARCH_GUARDS.painted({}), true);
  assert.equal(SEARCH_GUARDS.painted({ at: 1 }), false);
});

test('answerRequest runs the handler only for a request its guard accepts, and answers failures as values', async () => {
  const calls: string[] = [];
  const handlers: Handlers<SearchPanelApi> = {
    search: (q) => {
      calls.push(`search ${q.query}`);
      return { query: q, rows: [], total: 0, facets: { categories: [], tags: [] }, engineMs: 0, remoteConfigured: false };
    },
    remote: () => ({ rows: [], total: 0, note: null }),
    details: () => {
      throw Object.assign(new Error('no such pack'), { code: 'not-found' });
    },
    maturity: () => [],
    run: () => {
      throw new Error('boom');
    },
    painted: () => null,
  };
  const guards: Guards<SearchPanelApi> = SEARCH_GUARDS;

  assert.equal(await answerRequest(guards, handlers, { hello: 'world' }), null, 'not a request: ignored');

  const ok = await answerRequest(guards, handlers, { kind: 'request', id: 7, method: 'search', params: query });
  assert.equal(ok?.ok, true);
  assert.equal(ok?.id, 7);
  assert.deepEqual(calls, ['search mon']);

  const bad = await answerRequest(guards, handlers, { kind: 'request', id: 8, method: 'search', params: { query: 1 } });
  assert.deepEqual(bad, { kind: 'response', id: 8, ok: false, error: { code: 'bad-request', message: 'malformed params for search' } });
  assert.deepEqual(calls, ['search mon'], 'a refused request never reaches its handler');

  const unknown = await answerRequest(guards, handlers, { kind: 'request', id: 9, method: 'toString', params: {} });
  assert.equal(unknown?.ok === false && unknown.error.message, 'unknown method toString', 'inherited names are not methods');

  const failed = await answerRequest(guards, handlers, { kind: 'request', id: 10, method: 'details', params: pack });
  assert.deepEqual(failed, { kind: 'response', id: 10, ok: false, error: { code: 'not-found', message: 'no such pack' } });
  const thrown = await answerRequest(guards, handlers, { kind: 'request', id: 11, method: 'run', params: { command: 'show', pack } });
  assert.equal(thrown?.ok === false && thrown.error.code, 'failed');
});
