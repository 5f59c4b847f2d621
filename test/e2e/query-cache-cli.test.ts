// The SPARQL answer cache across CLI runs ($GGEN_HOME/cache/sparql/): a warm run answers without
// loading the SPARQL runtime (dist/sparql.js) and writes exactly what a run without the cache writes;
// a damaged entry is a miss, never an error; the folder stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/cli.js');
const work = mkdtempSync(join(tmpdir(), 'packs-qcache-'));
const pack = join(work, 'pack');
const home = join(work, 'home');
const cacheDir = join(home, 'cache', 'sparql');
// Records whether the process reads the SPARQL runtime bundle.
const spy = join(work, 'spy.cjs');
const marker = join(work, 'loaded-sparql');
writeFileSync(
  spy,
  `const fs = require('node:fs'); const read = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (String(p).endsWith('/sparql.js')) fs.writeFileSync(${JSON.stringify(marker)}, 'yes'); return read.call(this, p, ...rest); };`,
);

function writePack(extraTriple = '') {
  const files: Record<string, string> = {
    'pack.toml': `[metadata]\nname = "cache-demo"\nversion = "1.0.0"\ndescription = "Query cache test pack"\ncategory = "testing"\n\n[rdf]\nfiles = ["g.ttl"]\n\n[[queries]]\nname = "services"\nsource = { type = "file", path = "services.rq" }\noutput_path = "services.csv"\n\n[[templates]]\nalias = "t"\n[templates.source]\ntype = "local"\npath = "tpl"\n`,
    'g.ttl': `@prefix ex: <http://example.org/> .\nex:api ex:name "api" ; ex:port 8080 .\nex:web ex:name "web" ; ex:port 3000 .\n${extraTriple}`,
    'services.rq': 'PREFIX ex: <http://example.org/>\nSELECT ?name ?port WHERE { ?s ex:name ?name ; ex:port ?port } ORDER BY ?name\n',
    'tpl/list.txt.mustache': '{{#queries.services}}{{name}}={{port}};{{/queries.services}}\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(pack, rel, '..'), { recursive: true });
    writeFileSync(join(pack, rel), content);
  }
}

/** Generate into a fresh folder; returns its files and whether the SPARQL runtime was loaded. */
function generate(name: string, env: Record<string, string> = {}) {
  rmSync(marker, { force: true });
  const out = join(work, name);
  const r = spawnSync(process.execPath, ['-r', spy, CLI, 'generate', pack, '--output', out, '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1', ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  const files = Object.fromEntries(['list.txt', 'services.csv'].map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { files, loadedRuntime: existsSync(marker) };
}

const entries = () => (existsSync(cacheDir) ? readdirSync(cacheDir) : []);

test('a warm CLI run answers from $GGEN_HOME/cache/sparql without loading the SPARQL runtime, byte-identical', () => {
  writePack();
  const cold = generate('cold');
  assert.equal(cold.loadedRuntime, true);
  assert.equal(cold.files['services.csv'], 'name,port\r\napi,8080\r\nweb,3000\r\n');
  assert.equal(entries().length, 1);
  const warm = generate('warm');
  assert.equal(warm.loadedRuntime, false, 'the cached answer needs no SPARQL engine');
  assert.deepEqual(warm.files, cold.files);
  const uncached = generate('uncached', { GGEN_NO_QUERY_CACHE: '1' });
  assert.equal(uncached.loadedRuntime, true);
  assert.deepEqual(uncached.files, cold.files);
});

test('a damaged cache entry is a miss: the query runs again and the entry is rewritten', () => {
  writePack();
  generate('prime');
  const [entry] = entries();
  assert.ok(entry);
  writeFileSync(join(cacheDir, entry), '{"key": "truncat');
  const again = generate('after-damage');
  assert.equal(again.loadedRuntime, true);
  assert.equal(again.files['list.txt'], 'api=8080;web=3000;\n');
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(cacheDir, entry), 'utf8')));
  assert.equal(generate('repaired').loadedRuntime, false);
});

test('the cache folder is bounded: past 2,000 entries the least recently used go first', () => {
  rmSync(cacheDir, { recursive: true, force: true });
  writePack();
  generate('recent'); // the entry of the current graph, used just now
  const current = entries()[0]!;
  mkdirSync(cacheDir, { recursive: true });
  const old = new Date(Date.now() - 86_400_000);
  for (let i = 0; i < 2000; i++) {
    const f = join(cacheDir, `${String(i).padStart(64, '0')}.json`);
    writeFileSync(f, '{}');
    utimesSync(f, old, old);
  }
  writePack('ex:db ex:name "db" ; ex:port 5432 .\n'); // a new graph: a miss, which stores and prunes
  assert.equal(generate('pruned').files['list.txt'], 'api=8080;db=5432;web=3000;\n');
  const left = entries();
  assert.ok(left.length <= 1500, `${left.length} entries left`);
  assert.ok(left.includes(current), 'the recently used entry is kept');
  assert.ok(!left.includes(`${'0'.repeat(64)}.json`), 'the oldest entry is dropped');
});
