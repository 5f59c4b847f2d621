// The remote-registry settings: config.toml [registries] with scopes and a default (and their errors,
// with line and column), --registry, GGEN_REGISTRY_TIMEOUT_MS / GGEN_REGISTRY_RETRIES, .npmrc parsing,
// the npm name mapping, and the safe tarball reader on crafted archives. No network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnvironment, environmentProblems } from '../../../engine/config';
import { ConfigError, PermissionError, ValidationError } from '../../../engine/errors';
import { npmNameOf, buildNpmPackage } from '../../../engine/registry/npm-package';
import { readPackTarball } from '../../../engine/registry/npm-tarball';
import { parseNpmrc } from '../../../engine/registry/npmrc';
import { registryKey } from '../../../engine/registry/remote-cache';
import { registryFor, registrySetup, registryUrls } from '../../../engine/registry/remote-config';
import { loadManifest } from '../../../engine/manifest/load';
import { rawTarball } from '../../e2e/registry/support';
import { tempDir, writePack } from './helpers';

const homeWith = (toml: string) => {
  const h = tempDir('packs-remote-config-');
  writeFileSync(join(h, 'config.toml'), toml);
  return h;
};

test('scoped registries serve their scope; the default (a name or a URL) serves the rest', () => {
  const h = homeWith(
    '[registries]\nteam = "http://team.example/npm"\n"@acme" = "https://acme.example/"\npublic = "https://registry.npmjs.org/"\ndefault = "public"\n',
  );
  const s = registrySetup(h);
  assert.equal(registryFor(s, '@acme/web'), 'https://acme.example/');
  assert.equal(registryFor(s, '@other/web'), 'https://registry.npmjs.org/');
  assert.equal(registryFor(s, 'web'), 'https://registry.npmjs.org/');
  assert.deepEqual(registryUrls(s).sort(), ['http://team.example/npm/', 'https://acme.example/', 'https://registry.npmjs.org/']);
  // Without `default`: the first unscoped entry.
  assert.equal(
    registryFor(registrySetup(homeWith('[registries]\n"@a" = "http://a.example/"\nteam = "http://t.example/"\n')), 'x'),
    'http://t.example/',
  );
  // --registry replaces them all.
  const cli = registrySetup(h, 'http://127.0.0.1:4873');
  assert.equal(registryFor(cli, '@acme/web'), 'http://127.0.0.1:4873/');
  assert.deepEqual(registryUrls(cli), ['http://127.0.0.1:4873/']);
});

test('a bad [registries] entry is a ConfigError naming the file, line and column', () => {
  const h = homeWith('[registries]\nteam = "ftp://nope"\n');
  assert.throws(
    () => registrySetup(h),
    (e: unknown) => e instanceof ConfigError && /config\.toml:2:1: registry "team"/.test(e.message),
  );
  const d = homeWith('[registries]\nteam = "http://t.example/"\ndefault = "nobody"\n');
  assert.throws(
    () => registrySetup(d),
    (e: unknown) => e instanceof ConfigError && /default = "nobody" names no registry/.test(e.message),
  );
  assert.throws(() => registrySetup(tempDir(), 'not a url'), ConfigError);
});

test('no registry configured: none, unless GGEN_REGISTRY_URL gives one', () => {
  assert.equal(registrySetup(tempDir()).registries.length, 0);
});

test('registry timeout and retries come from the environment, bad values are reported', () => {
  const c = configFromEnvironment({
    HOME: '/h',
    GGEN_REGISTRY_TIMEOUT_MS: '250',
    GGEN_REGISTRY_RETRIES: '0',
    NPM_CONFIG__AUTHTOKEN: 't',
    npm_config_registry: 'http://r/',
  });
  assert.equal(c.registryTimeoutMs, 250);
  assert.equal(c.registryRetries, 0);
  assert.equal(c.npmConfig._authtoken, 't');
  assert.equal(c.npmConfig.registry, 'http://r/');
  const d = configFromEnvironment({ HOME: '/h' });
  assert.equal(d.registryTimeoutMs, 10_000);
  assert.equal(d.registryRetries, 2);
  assert.equal(d.npmrcFile, '/h/.npmrc');
  const bad = environmentProblems({ GGEN_REGISTRY_TIMEOUT_MS: '0', GGEN_REGISTRY_RETRIES: 'many' }).map((p) => p.variable);
  assert.deepEqual(bad, ['GGEN_REGISTRY_TIMEOUT_MS', 'GGEN_REGISTRY_RETRIES']);
});

test('.npmrc: key = value lines, comments, ${VAR} from the captured variables', () => {
  const r = parseNpmrc('; comment\n# another\n//npm.acme.dev/:_authToken=${NPM_TOKEN}\nregistry = "https://x/"\nbroken line\n', {
    NPM_TOKEN: 'secret',
  });
  assert.deepEqual(r, { '//npm.acme.dev/:_authToken': 'secret', registry: 'https://x/' });
});

test('registry cache folders: one per host, port and path', () => {
  assert.equal(registryKey('http://127.0.0.1:4873/'), '127.0.0.1_4873');
  assert.equal(registryKey('https://npm.acme.dev/api/npm/packs/'), 'npm.acme.dev_api_npm_packs');
});

test('npm name mapping is the identity, scoped names allowed, others refused', () => {
  assert.equal(npmNameOf('startup-pack'), 'startup-pack');
  assert.equal(npmNameOf('@acme/startup-pack'), '@acme/startup-pack');
  assert.throws(() => npmNameOf('Startup Pack'), ValidationError);
});

test('the built package: keyword ggen-pack, ggenPack with every file SHA-256, deterministic bytes; the reader takes it back', () => {
  const root = tempDir('packs-npm-pkg-');
  const dir = writePack(root, { name: 'demo-pack', version: '1.2.3', templates: ['main'], tags: ['web'] });
  const m = loadManifest(dir).manifest!;
  const a = buildNpmPackage(dir, m);
  const b = buildNpmPackage(dir, m);
  assert.ok(a.tarball.equals(b.tarball), 'same pack, same bytes');
  assert.deepEqual(a.manifest.keywords, ['ggen-pack', 'web']);
  assert.match(a.integrity, /^sha512-/);
  const files = readPackTarball(a.tarball, 'demo');
  assert.deepEqual(
    files
      .map((f) => f.path)
      .filter((p) => p !== 'package.json')
      .sort(),
    Object.keys(a.manifest.ggenPack.files).sort(),
  );
  writeFileSync(join(dir, 'package.json'), '{}');
  assert.throws(() => buildNpmPackage(dir, m), /cannot have its own package.json/);
});

test('the tarball reader refuses links, "..", absolute paths and entries outside the top folder', () => {
  const ok = { path: 'package/package.json', data: '{}' };
  const refuse = (entries: Parameters<typeof rawTarball>[0], re: RegExp) =>
    assert.throws(
      () => readPackTarball(rawTarball([ok, ...entries]), 'x'),
      (e: unknown) => e instanceof PermissionError && re.test((e as Error).message),
    );
  refuse([{ path: 'package/../evil', data: 'x' }], /refusing the tarball entry/);
  refuse([{ path: '/etc/evil', data: 'x' }], /refusing the tarball entry/);
  refuse([{ path: 'package/l', type: 'symlink', link: '/etc/passwd' }], /SymbolicLink/);
  refuse([{ path: 'other/file', data: 'x' }], /outside its top folder/);
  assert.throws(() => readPackTarball(Buffer.from('not a tarball'), 'x'), ValidationError);
});

test("listing and searching local packs never loads npm's client libraries", async () => {
  const { searchAllSources } = await import('../../../engine/registry/remote-search');
  const { openStore } = await import('../../../engine/registry/store');
  const h = tempDir('packs-lazy-npm-');
  openStore(h).summaries();
  await searchAllSources(h, 'startup');
  const loaded = Object.keys(require.cache).filter((k) =>
    /node_modules\/(npm-registry-fetch|libnpmpublish|pacote|make-fetch-happen)\//.test(k),
  );
  assert.deepEqual(loaded, []);
});
