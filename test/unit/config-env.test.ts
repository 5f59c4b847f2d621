// ggen's environment variables (GGEN_PACKS_DIR, GGEN_CACHE_DIR, GGEN_REGISTRY_URL, GGEN_TELEMETRY)
// and the configuration errors (exit 8): what engine/config.ts reads, what it refuses, and the
// config.toml checks of engine/registry/remote-config.ts. The CLI side is test/e2e/env-compat.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  cacheDirFor,
  codeCacheDir,
  configFromEnvironment,
  engineConfig,
  environmentProblems,
  packsDirFor,
  queryCacheDir,
  setEngineConfig,
} from '../../engine/config';
import { ConfigError, exitCodeOf } from '../../engine/errors';
import { configuredRegistries } from '../../engine/registry/remote-config';
import { checkConfiguration, removableCacheDir, systemInfo } from '../../engine/system';
import { tempDir } from './registry/helpers';

const base = { HOME: '/home/u', GGEN_HOME: '/srv/ggen' };

test('GGEN_PACKS_DIR and GGEN_CACHE_DIR relocate the packs and cache folders of $GGEN_HOME', () => {
  const plain = configFromEnvironment(base);
  assert.equal(plain.packsDir, null);
  assert.equal(plain.cacheDir, null);
  assert.equal(packsDirFor(plain.home, plain), '/srv/ggen/packs');
  assert.equal(cacheDirFor(plain.home, plain), '/srv/ggen/cache');
  assert.equal(codeCacheDir(plain), '/srv/ggen/cache/v8');
  assert.equal(queryCacheDir(plain), '/srv/ggen/cache/sparql');

  const c = configFromEnvironment({ ...base, GGEN_PACKS_DIR: '/data/packs', GGEN_CACHE_DIR: 'rel/cache' });
  assert.equal(c.packsDir, '/data/packs');
  assert.equal(c.cacheDir, resolve('rel/cache'), 'a relative value is taken from the current folder, like GGEN_HOME');
  assert.equal(packsDirFor('/srv/ggen', c), '/data/packs');
  assert.equal(packsDirFor('/srv/ggen/', c), '/data/packs');
  assert.equal(codeCacheDir(c), join(resolve('rel/cache'), 'v8'));
  assert.equal(queryCacheDir(c), join(resolve('rel/cache'), 'sparql'));
  // A registry opened on another home (a test's temporary one) keeps its own folders.
  assert.equal(packsDirFor('/tmp/other', c), '/tmp/other/packs');
  assert.equal(cacheDirFor('/tmp/other', c), '/tmp/other/cache');
  // Empty means unset.
  assert.equal(configFromEnvironment({ ...base, GGEN_PACKS_DIR: '', GGEN_CACHE_DIR: '' }).packsDir, null);
});

test("the extension's spread (its own home over the environment's) keeps the folders derived from that home", () => {
  // extension/engine-config.ts: { ...configFromEnvironment(process.env), home: <packs.home>, bundledDir }
  const env = configFromEnvironment(base);
  const fromSettings = { ...env, home: '/work/packs-home', bundledDir: '/ext/examples/packs' };
  assert.equal(packsDirFor(fromSettings.home, fromSettings), '/work/packs-home/packs');
  assert.equal(codeCacheDir(fromSettings), '/work/packs-home/cache/v8');
});

test('GGEN_REGISTRY_URL, GGEN_TELEMETRY and GGEN_QUERY_TIMEOUT_MS: good values are read, bad ones are problems', () => {
  const good = { ...base, GGEN_REGISTRY_URL: 'https://registry.example.com/', GGEN_TELEMETRY: 'OFF', GGEN_QUERY_TIMEOUT_MS: '0' };
  const c = configFromEnvironment(good);
  assert.equal(c.registryUrl, 'https://registry.example.com/');
  assert.equal(c.telemetry, 'OFF');
  assert.equal(c.queryTimeoutMs, 0);
  assert.deepEqual(environmentProblems(good), []);
  for (const v of ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', 'Yes', 'TRUE'])
    assert.deepEqual(environmentProblems({ GGEN_TELEMETRY: v }), [], v);
  // Flags stay flags: any value turns them on, and none is a problem.
  assert.deepEqual(environmentProblems({ GGEN_NO_CODE_CACHE: 'whatever', GGEN_NO_QUERY_CACHE: '1', GGEN_NO_SPACE_CHECK: 'yes' }), []);

  const bad = { ...base, GGEN_REGISTRY_URL: 'ftp://x.example', GGEN_TELEMETRY: 'maybe', GGEN_QUERY_TIMEOUT_MS: '2s' };
  const lenient = configFromEnvironment(bad);
  assert.deepEqual(
    [lenient.registryUrl, lenient.telemetry, lenient.queryTimeoutMs],
    [null, null, null],
    'never throws: the launchers read it too',
  );
  assert.deepEqual(
    environmentProblems(bad).map((p) => [p.variable, p.value]),
    [
      ['GGEN_REGISTRY_URL', 'ftp://x.example'],
      ['GGEN_TELEMETRY', 'maybe'],
      ['GGEN_QUERY_TIMEOUT_MS', '2s'],
    ],
  );
  for (const v of ['not a url', 'registry.example.com', 'file:///tmp/r'])
    assert.equal(environmentProblems({ GGEN_REGISTRY_URL: v })[0]?.variable, 'GGEN_REGISTRY_URL', v);
  for (const v of ['-1', '1.5', '1e3', ' 5'])
    assert.equal(environmentProblems({ GGEN_QUERY_TIMEOUT_MS: v })[0]?.variable, 'GGEN_QUERY_TIMEOUT_MS', v);
});

test('checkConfiguration: a bad environment value is a ConfigError (exit 8) naming the variable and the value', () => {
  const home = tempDir();
  assert.doesNotThrow(() => checkConfiguration({ ...base, GGEN_TELEMETRY: 'no' }, home));
  assert.throws(
    () => checkConfiguration({ GGEN_REGISTRY_URL: 'ftp://x.example' }, home),
    (e: unknown) =>
      e instanceof ConfigError &&
      exitCodeOf(e) === 8 &&
      /GGEN_REGISTRY_URL="ftp:\/\/x\.example"/.test(e.message) &&
      /https?/.test(e.hint ?? ''),
  );
  assert.throws(
    () => checkConfiguration({ GGEN_QUERY_TIMEOUT_MS: 'soon' }, home),
    (e: unknown) => e instanceof ConfigError && /GGEN_QUERY_TIMEOUT_MS="soon"/.test(e.message),
  );
});

test('config.toml: a syntax error or a wrong value is a ConfigError with file:line:col; a missing file is no registries', () => {
  const home = tempDir();
  const file = join(home, 'config.toml');
  assert.deepEqual(configuredRegistries(home), {});
  writeFileSync(file, '[registries]\nacme = "https://registry.acme.dev/"\n[registries.corp]\nurl = "http://corp.example:8080"\n');
  assert.deepEqual(configuredRegistries(home), { acme: 'https://registry.acme.dev/', corp: 'http://corp.example:8080' });

  const cases: [string, RegExp][] = [
    ['# registries\n[registries]\nacme = "https://a.example/\n', /config\.toml:3:\d+: Invalid TOML document/],
    [
      '[registries]\nok = "https://a.example/"\n  broken = "ftp://b.example/"\n',
      /config\.toml:3:3: registry "broken": "ftp:\/\/b\.example\/" is not an http\(s\) URL/,
    ],
    ['[registries.corp]\ntoken = "x"\n  url = "nope"\n', /config\.toml:3:3: registry "corp": "nope"/],
    ['[registries]\nacme = 42\n', /config\.toml:2:1: registry "acme" has no URL/],
    ['registries = ["https://a.example/"]\n', /config\.toml:1:1: "registries" must be a table/],
  ];
  for (const [text, message] of cases) {
    writeFileSync(file, text);
    assert.throws(
      () => configuredRegistries(home),
      (e: unknown) =>
        e instanceof ConfigError && e.exitCode === 8 && message.test(e.message) && e.message.startsWith(file) && Boolean(e.hint),
      text,
    );
    assert.throws(() => checkConfiguration({}, home), ConfigError);
  }
});

test('info --system data: versions, folders, cache size, registries from both places, telemetry off', () => {
  const home = tempDir();
  const saved = engineConfig();
  try {
    const cache = join(home, 'elsewhere-cache');
    setEngineConfig(
      configFromEnvironment({
        ...base,
        GGEN_HOME: home,
        GGEN_CACHE_DIR: cache,
        GGEN_REGISTRY_URL: 'https://r.example/',
        GGEN_TELEMETRY: 'yes',
      }),
    );
    mkdirSync(join(cache, 'v8'), { recursive: true });
    mkdirSync(join(cache, 'sparql'), { recursive: true });
    writeFileSync(join(cache, 'v8', 'a.bin'), Buffer.alloc(3000));
    writeFileSync(join(cache, 'sparql', 'b.json'), '{}');
    writeFileSync(join(cache, 'search-index-all.json'), 'not counted');
    writeFileSync(join(home, 'config.toml'), '[registries]\nacme = "https://registry.acme.dev/"\n');
    const s = systemInfo();
    assert.equal(s.engineVersion, '0.1.0');
    assert.equal(s.packFormatVersion, '3.3.0');
    assert.equal(s.node, process.version);
    assert.equal(s.home, home);
    assert.deepEqual([s.packsDir, s.packsDirFrom], [join(home, 'packs'), 'default']);
    assert.deepEqual([s.cacheDir, s.cacheDirFrom], [cache, 'GGEN_CACHE_DIR']);
    assert.deepEqual(s.cache, {
      bytes: 3002,
      size: '3 KB',
      v8: { bytes: 3000, size: '3 KB' },
      sparql: { bytes: 2, size: '2 bytes' },
    });
    assert.deepEqual(
      s.registries.map((r) => [r.name, r.url, r.default]),
      [
        ['default', 'https://r.example/', true],
        ['acme', 'https://registry.acme.dev/', false],
      ],
    );
    assert.equal(s.defaultRegistry, 'https://r.example/');
    assert.deepEqual(s.telemetry, {
      enabled: false,
      requested: 'yes',
      note: 'Packs never sends telemetry; GGEN_TELEMETRY=yes is accepted and ignored',
    });
  } finally {
    setEngineConfig(saved);
  }
});

test('clean refuses a GGEN_CACHE_DIR that is or holds $GGEN_HOME, the home folder, the packs or the root', () => {
  const saved = engineConfig();
  const home = tempDir();
  try {
    const at = (cacheDir: string, packsDir?: string) => {
      setEngineConfig(configFromEnvironment({ HOME: '/home/u', GGEN_HOME: home, GGEN_CACHE_DIR: cacheDir, GGEN_PACKS_DIR: packsDir }));
      return () => removableCacheDir(home);
    };
    assert.equal(at(join(home, 'c'))(), join(home, 'c'));
    for (const [cache, packs] of [[home], [join(home, '..')], ['/home/u'], ['/'], ['/data', '/data/packs']] as [string, string?][])
      assert.throws(at(cache, packs), ConfigError, cache);
  } finally {
    setEngineConfig(saved);
  }
});
