import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planGeneration } from '../../../engine/generate';
import { GenerationError, ValidationError } from '../../../engine/errors';
import { isSparqlBackendLoaded } from '../../../engine/rdf/backend';
import { bindParameters } from '../../../engine/rdf/bind-parameters';
import { DataFactory } from 'n3';
import { makePack, variable, writeTree } from '../generate/fixture';

const TTL = `@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:api a ex:Service ; ex:name "api" ; ex:port 8080 ; ex:public true ; ex:env "prod" ; ex:owner [ ex:name "team-a" ] .
ex:web a ex:Service ; ex:name "web" ; ex:port 3000 ; ex:public false ; ex:env "dev" ; ex:note "has, comma \\"q\\"" ; ex:owner [ ex:name "team-b" ] .
`;
const SERVICES = `PREFIX ex: <http://example.org/>
SELECT ?name ?port ?public ?note ?owner WHERE {
  ?s a ex:Service ; ex:name ?name ; ex:port ?port ; ex:public ?public ; ex:owner ?owner .
  OPTIONAL { ?s ex:note ?note }
} ORDER BY ?name`;

const query = (name: string, source: string, extra = '') => `[[queries]]\nname = "${name}"\nsource = ${source}\n${extra}\n`;
const inlineTpl = (to: string, content: string) =>
  `[[templates]]\nalias = "${to}"\n[templates.source]\ntype = "inline"\nto = "${to}"\ncontent = '''${content}'''\n`;

function pack(body: string, files: Record<string, string> = {}) {
  return makePack(`[rdf]\nfiles = ["graph.ttl"]\nprefixes = { ex = "http://example.org/" }\n\n` + body, { 'graph.ttl': TTL, ...files });
}

test('SELECT rows: keys without ?, numbers, booleans, OPTIONAL unbound as "", blank nodes _:b0 in order; _index on rows', async () => {
  const p = pack(
    query('services', '{ type = "file", path = "q/services.rq" }') +
      inlineTpl(
        'out.txt',
        '{{#queries.services}}{{_index}} {{name}} {{port}} {{public}} [{{note}}] {{owner}}{{^_last}};{{/_last}}{{/queries.services}}',
      ) +
      variable('note', 'default = "outer"'),
    { 'q/services.rq': SERVICES },
  );
  const plan = await planGeneration({ packs: [p], layers: [] });
  assert.equal(plan.files[0]?.content.toString(), '0 api 8080 true [] _:b0;1 web 3000 false [has, comma "q"] _:b1');
  assert.ok(isSparqlBackendLoaded());
  // The same check lazy-load.test.ts uses for the opposite claim really sees Comunica once loaded.
  assert.ok(Object.keys(require.cache).some((k) => k.includes('@comunica')));
});

test('foreach renders one file per row with the row on top of the context', async () => {
  const p = pack(
    query('services', '{ type = "file", path = "q.rq" }') +
      `[[templates]]\nalias = "k8s"\n[templates.source]\ntype = "local"\npath = "tpl"\n`,
    {
      'q.rq': SERVICES,
      'tpl/svc.mustache': '---\nforeach: services\nto: "k8s/{{name}}.yaml"\nwhen: public\n---\nname: {{name}}\nport: {{port}}\n',
    },
  );
  const plan = await planGeneration({ packs: [p], layers: [] });
  assert.deepEqual(
    plan.files.map((f) => [f.path, f.content.toString()]),
    [['k8s/api.yaml', 'name: api\nport: 8080\n']],
  );
});

test('parameters are bound as typed literals, never spliced', async () => {
  const text = bindParameters('SELECT ?s WHERE { ?s <http://e/p> ?env }', { env: DataFactory.literal('x" } . DROP ALL ; #') }, 'q');
  assert.match(text, /VALUES \?env \{\s*"x\\" \} \. DROP ALL ; #"\s*\}/);
  const p = pack(
    query(
      'by_env',
      `{ type = "inline", query = 'PREFIX ex: <http://example.org/> SELECT ?name WHERE { ?s ex:env ?env ; ex:name ?name }' }`,
      'parameters = { env = "{{environment}}" }',
    ) +
      query(
        'by_port',
        `{ type = "inline", query = 'PREFIX ex: <http://example.org/> SELECT ?name WHERE { ?s ex:port ?port ; ex:name ?name }' }`,
        'parameters = { port = "{{port}}" }',
      ) +
      inlineTpl('out.txt', '{{#queries.by_env}}{{name}}{{/queries.by_env}}|{{#queries.by_port}}{{name}}{{/queries.by_port}}') +
      variable('environment') +
      `[[variables]]\nname = "port"\ntype = "integer"\n`,
  );
  const run = async (environment: string) =>
    (
      await planGeneration({ packs: [p], layers: [{ source: '--var', values: { environment, port: '3000' }, unknown: 'error' }] })
    ).files[0]?.content.toString();
  assert.equal(await run('prod'), 'api|web', 'integer parameter matches the typed literal 3000');
  assert.equal(await run('" } . ?s ?p ?o } #'), '|web');
  assert.equal(await run('prod" } . DROP'), '|web');
});

test('ASK gives a boolean; query syntax errors are validation errors with a line; runtime failures are errors', async () => {
  const ask = pack(
    query('has_api', `{ type = "inline", query = 'ASK { ?s <http://example.org/name> "api" }' }`) +
      inlineTpl('a.txt', '{{#queries.has_api}}yes{{/queries.has_api}}'),
  );
  assert.equal((await planGeneration({ packs: [ask], layers: [] })).files[0]?.content.toString(), 'yes');

  const bad = pack(query('bad', '{ type = "file", path = "bad.rq" }'), { 'bad.rq': 'SELECT ?s\nWHERE {\n  ?s ?p\n}' });
  await assert.rejects(planGeneration({ packs: [bad], layers: [] }), (e: unknown) => {
    assert.ok(e instanceof ValidationError);
    const issue = e.issues[0];
    assert.ok(issue, 'the validation error carries an issue');
    assert.equal(issue.code, 'packs/query-syntax');
    assert.ok(issue.range && issue.range.start.line >= 3);
    return true;
  });

  const failing = pack(
    query('boom', `{ type = "inline", query = 'SELECT ?x WHERE { ?s ?p ?o } ORDER BY ?x LIMIT 1 OFFSET 0' }`) +
      query('svc', `{ type = "inline", query = 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }' }`),
  );
  await assert.rejects(
    planGeneration({ packs: [failing], layers: [] }),
    (e: unknown) => e instanceof GenerationError && /Query "svc" of demo-pack/.test(e.message),
  );
});

test('RDF syntax errors name file and line; --data files join the graph', async () => {
  const p = makePack(
    `[rdf]\nfiles = ["g.ttl"]\n` +
      query('names', `{ type = "inline", query = 'SELECT ?n WHERE { ?s <http://example.org/name> ?n } ORDER BY ?n' }`) +
      inlineTpl('n.txt', '{{#queries.names}}{{n}} {{/queries.names}}'),
    {
      'g.ttl': '<http://example.org/a> <http://example.org/name> "a" .\n',
    },
  );
  const data = writeTree({
    'extra.nt': '<http://example.org/b> <http://example.org/name> "b" .\n',
    'broken.ttl': '@prefix ex: <http://example.org/> .\nex:a ex:name "x" .\nex:b ex:name .\n',
  });
  const plan = await planGeneration({ packs: [p], layers: [], data: [`${data}/extra.nt`] });
  assert.equal(plan.files[0]?.content.toString(), 'a b ');
  await assert.rejects(planGeneration({ packs: [p], layers: [], data: [`${data}/broken.ttl`] }), (e: unknown) => {
    assert.ok(e instanceof ValidationError);
    const issue = e.issues[0];
    assert.ok(issue, 'the validation error carries an issue');
    assert.equal(issue.range?.start.line, 3);
    assert.match(issue.message, /broken\.ttl:3/);
    return true;
  });
});

test('output_path in every output_format', async () => {
  const construct = `PREFIX ex: <http://example.org/> CONSTRUCT { ?s ex:label ?n } WHERE { ?s ex:name ?n ; ex:port ?p } ORDER BY ?n`;
  const sel = `PREFIX ex: <http://example.org/> SELECT ?name ?port ?note ?owner WHERE { ?s ex:name ?name ; ex:port ?port ; ex:owner ?owner . OPTIONAL { ?s ex:note ?note } } ORDER BY ?name`;
  const fmts = ['json', 'yaml', 'csv', 'xml']
    .map((f) => query(`s_${f}`, `{ type = "inline", query = '${sel}' }`, `output_path = "out/s.${f}"\noutput_format = "${f}"`))
    .join('');
  const p = pack(
    fmts +
      query('a_xml', `{ type = "inline", query = 'ASK { ?s ?p ?o }' }`, 'output_path = "out/a.xml"\noutput_format = "xml"') +
      query('c_ttl', `{ type = "inline", query = '${construct}' }`, 'output_path = "out/c.ttl"\noutput_format = "turtle"') +
      query('c_nt', `{ type = "inline", query = '${construct}' }`, 'output_path = "out/c.nt"\noutput_format = "ntriples"'),
  );
  const plan = await planGeneration({ packs: [p], layers: [] });
  const planned = Object.fromEntries(plan.files.map((f) => [f.path, f.content.toString()]));
  const out = (path: string): string => {
    const text = planned[path];
    assert.ok(text !== undefined, `${path} is planned`);
    return text;
  };
  assert.deepEqual(JSON.parse(out('out/s.json')), [
    { name: 'api', port: 8080, note: '', owner: '_:b0' },
    { name: 'web', port: 3000, note: 'has, comma "q"', owner: '_:b1' },
  ]);
  assert.match(out('out/s.yaml'), /- name: api\n {2}port: 8080\n/);
  assert.equal(out('out/s.csv'), 'name,port,note,owner\r\napi,8080,,_:b0\r\nweb,3000,"has, comma ""q""",_:b1\r\n');
  assert.match(out('out/s.xml'), /<variable name="name"\/>/);
  assert.match(
    out('out/s.xml'),
    /<binding name="port"><literal datatype="http:\/\/www.w3.org\/2001\/XMLSchema#integer">8080<\/literal><\/binding>/,
  );
  assert.match(out('out/s.xml'), /<binding name="owner"><bnode>b0<\/bnode><\/binding>/);
  assert.match(out('out/a.xml'), /<boolean>true<\/boolean>/);
  assert.match(out('out/c.ttl'), /@prefix ex: <http:\/\/example.org\/>/);
  assert.match(out('out/c.ttl'), /ex:api ex:label "api"/);
  assert.equal(out('out/c.nt').trim().split('\n').length, 2);
  assert.match(out('out/c.nt'), /^<http:\/\/example.org\/api> <http:\/\/example.org\/label> "api" \.$/m);
  assert.ok(plan.files.every((f) => f.template.startsWith('query:')));

  const wrong = pack(query('s', `{ type = "inline", query = '${sel}' }`, 'output_path = "s.ttl"\noutput_format = "turtle"'));
  await assert.rejects(planGeneration({ packs: [wrong], layers: [] }), /output_format "turtle" cannot hold a SELECT result/);
});

test('a query over its time limit is cancelled with an error naming it', async () => {
  const { runPackQueries } = await import('../../../engine/rdf/run-queries');
  const triples = Array.from({ length: 300 }, (_, i) => `<http://e/s${i}> <http://e/p> "${i}" .`).join('\n');
  const p = makePack(
    `[rdf]\nfiles = ["g.nt"]\n` +
      query('slow', `{ type = "inline", query = 'SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY ?x ?y ?z' }`),
    { 'g.nt': triples },
  );
  await assert.rejects(
    runPackQueries({ pack: p, values: {}, defs: new Map(), data: [], skip: false, timeoutMs: 50 }),
    (e: unknown) => e instanceof GenerationError && /Query "slow" of demo-pack ran longer than 0\.05 s/.test(e.message),
  );
});
