// dist/sparql.js is Comunica with its CLI, GraphQL-LD and serializers cut out (esbuild.mjs). This
// proves the cut engine answers every query form exactly as the full @comunica/query-sparql-rdfjs
// does: the built CLI writes each query's output_path file, and the same queries run in-process on
// the unbundled package must give byte-identical files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadManifest } from '../../engine/manifest/load';
import { runPackQueries } from '../../engine/rdf/run-queries';

const CLI = resolve(__dirname, '../../dist/cli.js');

const GRAPH = `@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:api a ex:Service ; ex:name "api" ; ex:port 8080 ; ex:public true ; ex:dependsOn ex:db .
ex:db a ex:Service ; ex:name "db" ; ex:port 5432 ; ex:public false .
ex:worker a ex:Service ; ex:name "worker" ; ex:env "prod", "dev" .
ex:cache a ex:Service ; ex:name "cache" ; ex:port 6379 ; ex:owner [ ex:team "platform" ] .
`;

const QUERIES: [string, string, string][] = [
  [
    'select_optional',
    'json',
    'PREFIX ex: <https://example.org/> SELECT ?name ?port WHERE { ?s a ex:Service ; ex:name ?name OPTIONAL { ?s ex:port ?port } } ORDER BY ?name',
  ],
  [
    'select_filter',
    'csv',
    'PREFIX ex: <https://example.org/> SELECT ?name WHERE { ?s ex:name ?name ; ex:port ?p FILTER(?p > 6000 && STRSTARTS(?name, "c") || ?p = 8080) } ORDER BY DESC(?name)',
  ],
  [
    'aggregate',
    'yaml',
    'PREFIX ex: <https://example.org/> SELECT ?name (COUNT(?e) AS ?envs) (GROUP_CONCAT(?e; separator=",") AS ?list) WHERE { ?s ex:name ?name OPTIONAL { ?s ex:env ?e } } GROUP BY ?name ORDER BY ?name',
  ],
  [
    'param',
    'xml',
    'PREFIX ex: <https://example.org/> SELECT ?name WHERE { ?s ex:name ?name ; ex:port ?port FILTER(?port >= ?min) } ORDER BY ?name',
  ],
  ['has_public', 'json', 'PREFIX ex: <https://example.org/> ASK { ?s ex:public true }'],
  [
    'graph',
    'turtle',
    'PREFIX ex: <https://example.org/> CONSTRUCT { ?s ex:label ?name ; ex:needs ?d } WHERE { ?s ex:name ?name OPTIONAL { ?s ex:dependsOn ?d } }',
  ],
  ['describe', 'ntriples', 'PREFIX ex: <https://example.org/> DESCRIBE ex:cache'],
  ['paths', 'json', 'PREFIX ex: <https://example.org/> SELECT ?a ?b WHERE { ?a ex:dependsOn+ ?b } ORDER BY ?a'],
];

function makePack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'packs-sparql-'));
  mkdirSync(join(dir, 'graphs'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'graphs/model.ttl'), GRAPH);
  writeFileSync(join(dir, 'templates/README.md.mustache'), '{{#queries.select_optional}}{{name}}\n{{/queries.select_optional}}');
  const queries = QUERIES.map(
    ([name, format, q]) =>
      `[[queries]]\nname = "${name}"\ndescription = "${name}"\nsource = { type = "inline", query = ${JSON.stringify(q)} }\noutput_path = "out/${name}.${format === 'turtle' ? 'ttl' : format === 'ntriples' ? 'nt' : format}"\noutput_format = "${format}"\n${name === 'param' ? 'parameters = { min = "{{min_port}}" }\n' : ''}`,
  );
  writeFileSync(
    join(dir, 'pack.toml'),
    `[metadata]\nname = "sparql-forms"\nversion = "1.0.0"\ndescription = "Every SPARQL query form, for the bundle test"\ncategory = "testing"\n\n[[templates]]\nalias = "docs"\nsource = { type = "local", path = "templates" }\n\n[rdf]\nfiles = ["graphs/model.ttl"]\n\n${queries.join('\n')}\n[[variables]]\nname = "min_port"\ndescription = "Lowest port"\ntype = "integer"\ndefault = 6000\n`,
  );
  return dir;
}

test('the cut SPARQL bundle answers every query form exactly like the full Comunica engine', async () => {
  const pack = makePack();
  const out = join(pack, '..', `${pack.split('/').pop()}-out`);
  const r = spawnSync(process.execPath, [CLI, 'generate', pack, '--output', out], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(pack, '.home'), NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, r.stderr);

  const manifest = loadManifest(pack).manifest!;
  const full = await runPackQueries({
    pack: { name: 'sparql-forms', dir: pack, manifest },
    values: { min_port: 6000 },
    defs: new Map(manifest.variables.map((v) => [v.name, v])),
    data: [],
    skip: false,
  });
  assert.equal(full.files.length, QUERIES.length);
  for (const f of full.files) {
    assert.equal(readFileSync(join(out, f.path), 'utf8'), f.content.toString('utf8'), f.path);
  }
  // and the answers are the right ones, not merely equal
  const rows = JSON.parse(readFileSync(join(out, 'out/select_optional.json'), 'utf8'));
  assert.deepEqual(JSON.stringify(rows).match(/"(api|cache|db|worker)"/g), ['"api"', '"cache"', '"db"', '"worker"']);
  assert.match(readFileSync(join(out, 'out/has_public.json'), 'utf8'), /true/);
  const param = readFileSync(join(out, 'out/param.xml'), 'utf8'); // min_port = 6000, bound as an xsd:integer
  assert.match(param, /<literal>api<\/literal>[\s\S]*<literal>cache<\/literal>/);
  assert.doesNotMatch(param, /<literal>(db|worker)<\/literal>/);
  assert.match(readFileSync(join(out, 'out/describe.nt'), 'utf8'), /<https:\/\/example\.org\/cache> <https:\/\/example\.org\/port> "6379"/);
});

// Where the full package is wrong, dist/sparql.js is patched (scripts/sparql-patches.mjs): strings order
// and compare by code point (SPARQL 1.1 §17.3, §15.1), not by the process's locale; REDUCED and DISTINCT
// keep distinct terms apart; computed dates print ASCII digits; dateTimes order as instants, the implicit
// timezone being UTC, whatever TZ says. The expected answers are computed here, independently.
const NAMES = ['Filled', 'FIXMessage', 'ä', 'å', 'ö', 'z', 'i', 'I', 'ı', 'İ', 'a', 'B', '\uFFFD', '\u{1F600}', '\u00E9', 'e\u0301'];
const ORDER_GRAPH = `@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
${NAMES.map((n, i) => `ex:n${i} ex:name ${JSON.stringify(n)} .`).join('\n')}
${['Filled', 'FIXMessage', 'ä', 'z', 'B', 'a', '\uFFFD', '\u{1F600}'].map((n) => `<https://example.org/iri/${n}> a ex:Thing .`).join('\n')}
ex:s ex:label "abc", "abc"@en, "abc"@de, <https://example.org/abc> .
ex:d1 ex:a "x\\"-\\"y"^^<https://example.org/t> .
ex:d2 ex:a "x" ; ex:b "y"^^<https://example.org/t-> .
ex:local ex:at "2024-01-01T12:00:00"^^xsd:dateTime .
ex:z06 ex:at "2024-01-01T06:00:00Z"^^xsd:dateTime .
ex:z18 ex:at "2024-01-01T18:00:00Z"^^xsd:dateTime .
ex:chatham1 ex:instant "2024-09-29T02:50:00Z"^^xsd:dateTime .
ex:chatham2 ex:instant "2024-09-29T03:00:00Z"^^xsd:dateTime .
ex:chatham3 ex:instant "2024-09-29T03:30:00Z"^^xsd:dateTime .
ex:newyork1 ex:instant "2024-03-10T02:30:00Z"^^xsd:dateTime .
ex:newyork2 ex:instant "2024-03-10T03:00:00Z"^^xsd:dateTime .
`;
const P = 'PREFIX ex: <https://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ';
const ORDER_QUERIES: [string, string, string][] = [
  ['order', 'json', 'SELECT ?name WHERE { ?s ex:name ?name } ORDER BY ?name'],
  ['order_desc', 'json', 'SELECT ?name WHERE { ?s ex:name ?name } ORDER BY DESC(?name)'],
  ['less_than', 'json', 'SELECT ?name WHERE { ?s ex:name ?name FILTER(?name < "Fz") } ORDER BY ?name'],
  ['min_max', 'json', 'SELECT (MIN(?name) AS ?min) (MAX(?name) AS ?max) WHERE { ?s ex:name ?name }'],
  [
    'concat',
    'json',
    'SELECT (GROUP_CONCAT(?name; separator="|") AS ?all) WHERE { { SELECT ?name WHERE { ?s ex:name ?name } ORDER BY ?name } }',
  ],
  ['iris', 'json', 'SELECT ?s WHERE { ?s a ex:Thing } ORDER BY ?s'],
  ['equal', 'json', 'SELECT ?name WHERE { ?s ex:name ?name FILTER(?name = "\u00E9") }'],
  ['reduced', 'xml', 'SELECT REDUCED ?o WHERE { ex:s ex:label ?o }'],
  ['distinct', 'json', 'SELECT DISTINCT ?a ?b WHERE { ?s ex:a ?a OPTIONAL { ?s ex:b ?b } } ORDER BY ?b'],
  ['star', 'csv', 'SELECT * WHERE { ?Zed ex:name "a" . ?Zed ex:name ?apple . ?Zed ex:name ?ä }'],
  ['local_time', 'json', 'SELECT ?s WHERE { ?s ex:at ?t } ORDER BY ?t'],
  ['dst_gaps', 'json', 'SELECT ?s WHERE { ?s ex:instant ?t } ORDER BY ?t'],
  ['date_sum', 'json', 'SELECT ?next WHERE { ex:z06 ex:at ?t BIND(?t + "P1D"^^xsd:dayTimeDuration AS ?next) }'],
];

function codePointOrder(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

test('the bundle orders strings by code point and keeps terms apart, whatever LANG and TZ say', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packs-sparql-order-'));
  mkdirSync(join(dir, 'graphs'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'graphs/model.ttl'), ORDER_GRAPH);
  writeFileSync(join(dir, 'templates/README.md.mustache'), 'order\n');
  const queries = ORDER_QUERIES.map(
    ([name, format, q]) =>
      `[[queries]]\nname = "${name}"\ndescription = "${name}"\nsource = { type = "inline", query = ${JSON.stringify(P + q)} }\noutput_path = "out/${name}.${format}"\noutput_format = "${format}"\n`,
  );
  writeFileSync(
    join(dir, 'pack.toml'),
    `[metadata]\nname = "sparql-order"\nversion = "1.0.0"\ndescription = "Locale- and TZ-sensitive SPARQL, for the bundle test"\ncategory = "testing"\n\n[[templates]]\nalias = "docs"\nsource = { type = "local", path = "templates" }\n\n[rdf]\nfiles = ["graphs/model.ttl"]\n\n${queries.join('\n')}`,
  );
  const machines = [
    { LANG: 'sv_SE.UTF-8', TZ: 'Pacific/Chatham' },
    { LANG: 'tr_TR.UTF-8', TZ: 'America/New_York' },
    { LANG: 'ar_EG.UTF-8', TZ: 'Asia/Kathmandu' },
    { LANG: 'C', TZ: 'UTC' },
  ];
  const outputs = machines.map((m) => {
    const out = join(dir, `out-${m.LANG}-${m.TZ.replace('/', '-')}`);
    const r = spawnSync(process.execPath, [CLI, 'generate', dir, '--output', out], {
      encoding: 'utf8',
      env: { ...process.env, ...m, LC_ALL: m.LANG, GGEN_HOME: join(dir, '.home'), NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    return Object.fromEntries(ORDER_QUERIES.map(([name, format]) => [name, readFileSync(join(out, `out/${name}.${format}`), 'utf8')]));
  });
  for (const o of outputs.slice(1)) assert.deepEqual(o, outputs[0], 'byte-identical on every machine');
  const o = outputs[0]!;
  const json = (name: string) => JSON.parse(o[name]!) as Record<string, string>[];
  const sorted = [...NAMES].sort(codePointOrder);
  assert.deepEqual(
    json('order').map((r) => r.name),
    sorted,
  );
  assert.deepEqual(
    json('order_desc').map((r) => r.name),
    [...sorted].reverse(),
  );
  assert.deepEqual(
    json('less_than').map((r) => r.name),
    sorted.filter((n) => codePointOrder(n, 'Fz') < 0),
  ); // ["B", "FIXMessage", "Filled"]: upper case first
  assert.deepEqual(json('min_max'), [{ min: sorted[0], max: sorted.at(-1) }]);
  assert.deepEqual(json('concat'), [{ all: sorted.join('|') }]);
  const things = ['Filled', 'FIXMessage', 'ä', 'z', 'B', 'a', '\uFFFD', '\u{1F600}'].map((n) => `https://example.org/iri/${n}`);
  assert.deepEqual(
    json('iris').map((r) => r.s),
    things.sort(codePointOrder),
  );
  assert.deepEqual(json('equal'), [{ name: '\u00E9' }], 'e + U+0301 is another string');
  const reduced = o.reduced!;
  for (const term of [
    '<literal>abc</literal>',
    '<literal xml:lang="en">abc</literal>',
    '<literal xml:lang="de">abc</literal>',
    '<uri>https://example.org/abc</uri>',
  ]) {
    assert.ok(reduced.includes(term), `REDUCED keeps ${term}: ${reduced}`);
  }
  assert.equal(json('distinct').length, 2, 'DISTINCT keeps ("x\\"-\\"y"^^t, unbound) and ("x", "y"^^t-) apart');
  assert.equal(o.star!.split('\r\n')[0], 'Zed,apple,ä');
  assert.deepEqual(
    json('local_time').map((r) => r.s),
    ['https://example.org/z06', 'https://example.org/local', 'https://example.org/z18'],
  );
  assert.deepEqual(
    json('dst_gaps').map((r) => r.s?.replace('https://example.org/', '')),
    ['newyork1', 'newyork2', 'chatham1', 'chatham2', 'chatham3'],
  );
  assert.deepEqual(json('date_sum'), [{ next: '2024-01-02T06:00:00Z' }]);
});
