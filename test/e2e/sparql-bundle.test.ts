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
