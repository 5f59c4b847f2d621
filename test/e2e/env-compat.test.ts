// ggen's documented environment and exit code 8, through the built CLI (dist/cli.js) with a temp
// GGEN_HOME: GGEN_PACKS_DIR and GGEN_CACHE_DIR move the folders, GGEN_REGISTRY_URL and GGEN_TELEMETRY
// are accepted (and shown by `info --system`), and a bad value or config.toml exits 8 with one
// `error:` line naming the variable or the file, never a stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeCatalog, tempDir, writePack } from '../unit/registry/helpers';

const CLI = resolve(__dirname, '../../dist/cli.js');
const catalog = makeCatalog([{ name: 'env-pack', version: '1.0.0', templates: ['main'] }]);
const OURS = ['GGEN_PACKS_DIR', 'GGEN_CACHE_DIR', 'GGEN_REGISTRY_URL', 'GGEN_TELEMETRY', 'GGEN_NO_CODE_CACHE', 'GGEN_NO_QUERY_CACHE'];

function cli(home: string, args: string[], env: Record<string, string> = {}, cwd = home) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.includes(k)));
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...base, GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failure printed the usual way: exit 8, `error: …` naming `what`, a hint, nothing else (no stack). */
function assertConfigFailure(r: ReturnType<typeof cli>, what: RegExp) {
  assert.equal(r.code, 8, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, what);
  assert.match(lines[1]!, /^ {2}hint: \S/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test('GGEN_PACKS_DIR: an install lands there (index.jsonl too) and list finds it', () => {
  const home = tempDir();
  const packs = join(tempDir(), 'my-packs');
  const env = { GGEN_PACKS_DIR: packs };
  assert.equal(cli(home, ['install', 'env-pack', '--quiet'], env).code, 0);
  assert.ok(existsSync(join(packs, 'env-pack@1.0.0', 'pack.toml')));
  assert.match(readFileSync(join(packs, 'index.jsonl'), 'utf8'), /"env-pack"/);
  assert.equal(existsSync(join(home, 'packs')), false, 'nothing under $GGEN_HOME/packs');
  const list = cli(home, ['list', '--installed', '--format', 'json'], env);
  assert.deepEqual(
    JSON.parse(list.stdout).data.map((s: { name: string }) => s.name),
    ['env-pack'],
  );
  // Without the variable the same home has nothing installed.
  assert.deepEqual(JSON.parse(cli(home, ['list', '--installed', '--format', 'json']).stdout).data, []);
  assert.equal(cli(home, ['uninstall', 'env-pack', '--quiet'], env).code, 0);
  assert.equal(existsSync(join(packs, 'env-pack@1.0.0')), false);
});

test('GGEN_CACHE_DIR: after a generate the V8 code cache and the SPARQL answers are there; clean removes it', () => {
  const home = tempDir();
  const work = tempDir();
  const cache = join(work, 'cache-here');
  const pack = writePack(work, {
    name: 'query-pack',
    version: '1.0.0',
    files: {
      'g.ttl': '@prefix ex: <http://example.org/> .\nex:a ex:name "a" .\n',
      'names.rq': 'PREFIX ex: <http://example.org/>\nSELECT ?name WHERE { ?s ex:name ?name }\n',
    },
  });
  writeFileSync(
    join(pack, 'pack.toml'),
    readFileSync(join(pack, 'pack.toml'), 'utf8').replace(
      '[dependencies]',
      '[rdf]\nfiles = ["g.ttl"]\n\n[[queries]]\nname = "names"\nsource = { type = "file", path = "names.rq" }\noutput_path = "names.csv"\n\n[dependencies]',
    ),
  );
  const env = { GGEN_CACHE_DIR: cache };
  const r = cli(home, ['generate', pack, '--output', join(work, 'out'), '--quiet'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    readdirSync(join(cache, 'v8')).some((f) => f.endsWith('.bin')),
    'the code cache is written at exit',
  );
  assert.equal(readdirSync(join(cache, 'sparql')).length, 1);
  assert.equal(existsSync(join(home, 'cache')), false, 'nothing under $GGEN_HOME/cache');

  const info = JSON.parse(cli(home, ['info', '--system', '--format', 'json'], env).stdout).data;
  assert.equal(info.cacheDir, cache);
  assert.ok(info.cache.v8.bytes > 0 && info.cache.sparql.bytes > 0);
  assert.equal(info.cache.bytes, info.cache.v8.bytes + info.cache.sparql.bytes);

  const clean = cli(home, ['clean', '--format', 'json'], { ...env, GGEN_NO_CODE_CACHE: '1' });
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(JSON.parse(clean.stdout).data.removed[0].dir, cache);
  assert.equal(existsSync(cache), false);
  // A cache folder that would take more than caches with it is refused.
  assertConfigFailure(cli(home, ['clean'], { GGEN_CACHE_DIR: home }), /cache folder .* is or holds \$GGEN_HOME; nothing was removed/);
  assert.ok(existsSync(home));
});

test('bad GGEN_REGISTRY_URL, GGEN_TELEMETRY or GGEN_QUERY_TIMEOUT_MS: exit 8 naming the variable and the value', () => {
  const home = tempDir();
  assertConfigFailure(
    cli(home, ['list'], { GGEN_REGISTRY_URL: 'ftp://registry.example' }),
    /GGEN_REGISTRY_URL="ftp:\/\/registry\.example" is not an http\(s\) URL/,
  );
  assertConfigFailure(cli(home, ['list'], { GGEN_TELEMETRY: 'maybe' }), /GGEN_TELEMETRY="maybe"/);
  assertConfigFailure(cli(home, ['info', '--system'], { GGEN_QUERY_TIMEOUT_MS: '2s' }), /GGEN_QUERY_TIMEOUT_MS="2s"/);
  const json = cli(home, ['list', '--format', 'json'], { GGEN_TELEMETRY: 'sometimes' });
  assert.equal(json.code, 8);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.ok, false);
  assert.equal(doc.error.code, 'config');
  assert.match(doc.error.message, /GGEN_TELEMETRY/);
  // Flags stay flags, and good values pass.
  assert.equal(cli(home, ['list'], { GGEN_TELEMETRY: 'Off', GGEN_NO_QUERY_CACHE: 'anything', GGEN_QUERY_TIMEOUT_MS: '0' }).code, 0);
  // --version still answers with a bad value (no verb runs).
  assert.equal(cli(home, ['--version'], { GGEN_TELEMETRY: 'maybe' }).code, 0);
});

test('a config.toml that does not parse or holds a wrong value: exit 8 with file:line:col', () => {
  const home = tempDir();
  const file = join(home, 'config.toml');
  writeFileSync(file, '[registries]\nacme = "https://registry.acme.dev/\n');
  assertConfigFailure(cli(home, ['list']), new RegExp(`${file.replace(/[.]/g, '\\.')}:2:\\d+: Invalid TOML document`));
  writeFileSync(file, '[registries]\nacme = "https://registry.acme.dev/"\nlocal = "file:///srv/registry"\n');
  assertConfigFailure(cli(home, ['search', 'x']), /config\.toml:3:1: registry "local": "file:\/\/\/srv\/registry" is not an http\(s\) URL/);
  writeFileSync(file, '[registries]\nacme = "https://registry.acme.dev/"\n');
  assert.equal(cli(home, ['list']).code, 0);
});

test('info --system: versions, platform, folders, cache size, registries and the telemetry line', () => {
  const home = tempDir();
  writeFileSync(join(home, 'config.toml'), '[registries.acme]\nurl = "https://registry.acme.dev/"\n');
  const env = { GGEN_REGISTRY_URL: 'https://registry.example.com/', GGEN_TELEMETRY: 'true', GGEN_PACKS_DIR: join(home, 'elsewhere') };
  const r = cli(home, ['info', '--system'], env);
  assert.equal(r.code, 0, r.stderr);
  for (const line of [
    'engine: ggen-pack 0.1.0',
    'pack format: 3.3.0 (the ggen pack format this engine implements)',
    `node: ${process.version}`,
    `platform: ${process.platform}/${process.arch}`,
    `GGEN_HOME: ${home}`,
    `packs: ${join(home, 'elsewhere')} (GGEN_PACKS_DIR)`,
    '  default (default): https://registry.example.com/ — GGEN_REGISTRY_URL',
    `  acme: https://registry.acme.dev/ — ${join(home, 'config.toml')}`,
    'telemetry: off (Packs never sends telemetry; GGEN_TELEMETRY=true is accepted and ignored)',
  ])
    assert.ok(r.stdout.split('\n').includes(line), `${line}\n--- in ---\n${r.stdout}`);
  assert.match(
    r.stdout,
    new RegExp(`^cache: ${join(home, 'cache')} — \\d+(\\.\\d)? (bytes|KB|MB) \\(V8 code cache .*, SPARQL answers .*\\)$`, 'm'),
  );

  const data = JSON.parse(cli(home, ['info', '--system', '--format', 'json'], env).stdout).data;
  assert.equal(data.engineVersion, '0.1.0');
  assert.equal(data.packFormatVersion, '3.3.0');
  assert.equal(data.node, process.version);
  assert.deepEqual([data.platform, data.arch], [process.platform, process.arch]);
  assert.equal(data.home, home);
  assert.deepEqual([data.packsDir, data.packsDirFrom], [join(home, 'elsewhere'), 'GGEN_PACKS_DIR']);
  assert.deepEqual([data.cacheDir, data.cacheDirFrom], [join(home, 'cache'), 'default']);
  assert.equal(typeof data.cache.bytes, 'number');
  assert.equal(data.defaultRegistry, 'https://registry.example.com/');
  assert.deepEqual(
    data.registries.map((x: { name: string; url: string }) => [x.name, x.url]),
    [
      ['default', 'https://registry.example.com/'],
      ['acme', 'https://registry.acme.dev/'],
    ],
  );
  assert.deepEqual([data.telemetry.enabled, data.telemetry.requested], [false, 'true']);

  // Unset: "Packs never sends telemetry", no registries.
  const plain = cli(tempDir(), ['info', '--system']);
  assert.ok(plain.stdout.includes('\ntelemetry: off (Packs never sends telemetry)\n'), plain.stdout);
  assert.match(plain.stdout, /^registries: none configured/m);
  // `info <pack>` is unchanged; `info` with neither is an argument error.
  assert.equal(JSON.parse(cli(home, ['info', 'env-pack', '--format', 'json']).stdout).data.name, 'env-pack');
  assert.equal(cli(home, ['info']).code, 2);
  assert.equal(cli(home, ['info', 'env-pack', '--system']).code, 2);
});

test('--version prints the engine version and the ggen pack format', () => {
  const r = cli(tempDir(), ['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'ggen-pack 0.1.0 (ggen pack format 3.3.0)\n');
});
