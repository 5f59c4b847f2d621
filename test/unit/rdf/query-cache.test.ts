// The SPARQL answer cache (engine/rdf/query-cache.ts) in one process: the extension's live preview
// asks the same queries again on every change of a variable. Disk caching across CLI runs: query-cache-cli.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setEngineConfig } from '../../../engine/config';
import { planGeneration } from '../../../engine/generate';
import { getSparqlBackend } from '../../../engine/rdf/backend';
import { queryKey } from '../../../engine/rdf/query-cache';
import { loadPack, makePack } from '../generate/fixture';

const TTL = `@prefix ex: <http://example.org/> .
ex:api ex:name "api" ; ex:port 8080 .
ex:web ex:name "web" ; ex:port 3000 .
`;
const MANIFEST =
  `[rdf]\nfiles = ["g.ttl"]\nprefixes = { ex = "http://example.org/" }\n\n` +
  `[[queries]]\nname = "services"\nsource = { type = "file", path = "q/services.rq" }\nparameters = { min = "{{min_port}}" }\noutput_path = "services.json"\n\n` +
  `[[variables]]\nname = "min_port"\ntype = "integer"\ndefault = 0\n\n` +
  `[[templates]]\nalias = "t"\n[templates.source]\ntype = "local"\npath = "tpl"\n`;
const QUERY =
  'PREFIX ex: <http://example.org/>\nSELECT ?name ?port WHERE { ?s ex:name ?name ; ex:port ?port FILTER(?port >= ?min) } ORDER BY ?name\n';

function demo() {
  return makePack(MANIFEST, {
    'g.ttl': TTL,
    'q/services.rq': QUERY,
    'tpl/list.txt.mustache': '{{#queries.services}}{{name}}:{{port}} {{/queries.services}}',
  });
}

/** Counts the backend's query calls while `fn` runs. */
async function countingQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const backend = await getSparqlBackend();
  const original = backend.query.bind(backend);
  let queries = 0;
  backend.query = (...args) => {
    queries++;
    return original(...args);
  };
  try {
    return { result: await fn(), queries };
  } finally {
    backend.query = original;
  }
}

const render = (plan: Awaited<ReturnType<typeof planGeneration>>) =>
  Object.fromEntries(plan.files.map((f) => [f.path, f.content.toString()]));

test('the same query over the same graph with the same parameters is answered from the cache, byte for byte', async () => {
  const pack = demo();
  const first = await countingQueries(() => planGeneration({ packs: [pack], layers: [] }));
  assert.equal(first.queries, 1);
  assert.equal(render(first.result)['list.txt'], 'api:8080 web:3000 ');
  const again = await countingQueries(() => planGeneration({ packs: [pack], layers: [] }));
  assert.equal(again.queries, 0, 'answered from the cache');
  assert.deepEqual(render(again.result), render(first.result));

  // Another parameter value is another answer; so is another graph.
  const higher = await countingQueries(() =>
    planGeneration({ packs: [pack], layers: [{ source: '--var', values: { min_port: 4000 }, unknown: 'error' }] }),
  );
  assert.equal(higher.queries, 1);
  assert.equal(render(higher.result)['list.txt'], 'api:8080 ');
  writeFileSync(join(pack.dir, 'g.ttl'), TTL + 'ex:db ex:name "db" ; ex:port 5432 .\n');
  const changed = await countingQueries(() => planGeneration({ packs: [pack], layers: [] }));
  assert.equal(changed.queries, 1, 'a changed graph file is a new key');
  assert.equal(render(changed.result)['list.txt'], 'api:8080 db:5432 web:3000 ');
  // and so is a changed query file (a reloaded pack: the manifest is the same, the query text is not)
  writeFileSync(join(pack.dir, 'q/services.rq'), QUERY.replace('ORDER BY ?name', 'ORDER BY DESC(?name)'));
  const reordered = await countingQueries(() => planGeneration({ packs: [loadPack(pack.dir)], layers: [] }));
  assert.equal(reordered.queries, 1);
  assert.equal(render(reordered.result)['list.txt'], 'web:3000 db:5432 api:8080 ');
});

test('GGEN_NO_QUERY_CACHE (queryCache: false) runs every query every time', async () => {
  const pack = demo();
  setEngineConfig({ queryCache: false });
  try {
    for (let i = 0; i < 2; i++) assert.equal((await countingQueries(() => planGeneration({ packs: [pack], layers: [] }))).queries, 1);
  } finally {
    setEngineConfig({ queryCache: true });
  }
});

test('a generation with queries reads each graph and query file once', async () => {
  const pack = demo();
  const reads = new Map<string, number>();
  const original = fs.readFileSync;
  fs.readFileSync = ((...args: Parameters<typeof original>) => {
    const p = String(args[0]);
    if (p.startsWith(pack.dir)) reads.set(p.slice(pack.dir.length + 1), (reads.get(p.slice(pack.dir.length + 1)) ?? 0) + 1);
    return original(...args);
  }) as typeof original;
  try {
    await planGeneration({ packs: [pack], layers: [] });
  } finally {
    fs.readFileSync = original;
  }
  // pack.toml is not read again (loadPack read it); packs.lock's integrity hash reuses every other read.
  assert.deepEqual(Object.fromEntries([...reads].sort()), { 'g.ttl': 1, 'q/services.rq': 1, 'tpl/list.txt.mustache': 1 });
});

test('the key covers the query, the graph, the parameters with their types and the output format and prefixes', () => {
  const base = {
    graph: 'g',
    query: 'SELECT * {}',
    parameters: { a: ['1', 'integer'] as [string, string | null], b: ['x', null] as [string, string | null] },
  };
  const key = queryKey(base);
  assert.equal(queryKey({ ...base, parameters: { b: ['x', null], a: ['1', 'integer'] } }), key, 'parameter order does not matter');
  for (const other of [
    { ...base, graph: 'h' },
    { ...base, query: 'SELECT ?x {}' },
    { ...base, parameters: { ...base.parameters, a: ['1', null] as [string, string | null] } },
    { ...base, parameters: { ...base.parameters, a: ['2', 'integer'] as [string, string | null] } },
    { ...base, output: { format: 'json', prefixes: {} } },
  ]) {
    assert.notEqual(queryKey(other), key, JSON.stringify(other));
  }
  const json = queryKey({ ...base, output: { format: 'json', prefixes: { ex: 'http://e/' } } });
  assert.notEqual(queryKey({ ...base, output: { format: 'csv', prefixes: { ex: 'http://e/' } } }), json);
  assert.notEqual(queryKey({ ...base, output: { format: 'json', prefixes: { ex: 'http://f/' } } }), json);
});
