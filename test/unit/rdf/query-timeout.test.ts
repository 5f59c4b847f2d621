// The per-query time limit: SPEC §2's 2 s by default, GGEN_QUERY_TIMEOUT_MS (engine/config.ts) and a
// query's own `timeout` (seconds, like hooks) raise it; 0 turns it off. Nothing here waits on a clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnvironment } from '../../../engine/config';
import { parseManifestText } from '../../../engine/manifest/load';
import { schemaCheck } from '../../../engine/manifest/schema-check';
import type { QueryDef } from '../../../engine/manifest/model';
import { queryTimeLimit } from '../../../engine/rdf/run-queries';

const query = (timeout?: number): QueryDef => ({
  name: 'q',
  source: { type: 'inline', query: 'ASK {}' },
  parameters: {},
  priority: 100,
  index: 0,
  timeout,
});

test('GGEN_QUERY_TIMEOUT_MS sets the configured limit; unset or not a number leaves the default', () => {
  assert.equal(configFromEnvironment({ GGEN_QUERY_TIMEOUT_MS: '30000' }).queryTimeoutMs, 30000);
  assert.equal(configFromEnvironment({ GGEN_QUERY_TIMEOUT_MS: '0' }).queryTimeoutMs, 0);
  assert.equal(configFromEnvironment({}).queryTimeoutMs, null);
  assert.equal(configFromEnvironment({ GGEN_QUERY_TIMEOUT_MS: '10s' }).queryTimeoutMs, null);
  assert.equal(configFromEnvironment({ GGEN_QUERY_TIMEOUT_MS: '-5' }).queryTimeoutMs, null);
});

test('a query runs under the larger of its own timeout and the configured limit; 0 means none', () => {
  assert.equal(queryTimeLimit(query(), null), 2000, 'SPEC §2 default');
  assert.equal(queryTimeLimit(query(10), null), 10_000, 'a heavy query raises its own limit');
  assert.equal(queryTimeLimit(query(1), 30_000), 30_000, 'a slow machine raises every limit');
  assert.equal(queryTimeLimit(query(60), 30_000), 60_000);
  assert.equal(queryTimeLimit(query(60), 0), null);
});

test('[[queries]] timeout is whole seconds, at least 1, and reaches the model', () => {
  const manifest = (timeout: string) =>
    `[metadata]\nname = "demo"\nversion = "1.0.0"\ndescription = "A test pack"\ncategory = "custom"\n\n[[queries]]\nname = "q"\nsource = { type = "inline", query = "ASK {}" }\ntimeout = ${timeout}\n`;
  const ok = parseManifestText(manifest('10'), 'toml', 'pack.toml');
  assert.equal(ok.manifest?.queries[0]?.timeout, 10);
  assert.deepEqual(schemaCheck(ok), []);
  for (const bad of ['0', '"10s"', '1.5']) {
    const issues = schemaCheck(parseManifestText(manifest(bad), 'toml', 'pack.toml'));
    assert.ok(
      issues.some((i) => i.severity === 'error' && /timeout/.test(i.message)),
      `timeout = ${bad} is an error: ${JSON.stringify(issues.map((i) => i.message))}`,
    );
  }
});
