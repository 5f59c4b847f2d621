// The distribution journeys against a real Verdaccio on 127.0.0.1 (one per file), through the built
// CLI: publish catalog packs, search, install into a fresh $GGEN_HOME, publish a new version and
// update to it, refuse a republish and a pack below the score gate, install a pack whose dependency
// is only on the registry, and keep working offline once the registry is stopped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVerdaccio, type Verdaccio } from '../../support/verdaccio';
import { CATALOG, type Json, cli, home, httpGet, installed, leftovers, packCopy, temp } from './support';

let reg: Verdaccio;
before(async () => {
  reg = await startVerdaccio();
});
after(async () => {
  await reg?.dispose();
});

const publish = (dir: string, ...more: string[]) =>
  cli(temp('packs-pub-'), ['publish', dir, '--registry', reg.url, '--token', reg.token, ...more]);

test('publish a catalog pack: pre-checks, then the upload; the registry serves it with keyword ggen-pack', async () => {
  const r = publish(join(CATALOG, 'k8s-manifests'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.data.published, true);
  assert.equal(r.json.data.registry, reg.url);
  assert.ok(r.json.data.checks.some((c: Json) => c.name === 'version-unpublished' && c.status === 'pass'));
  const doc = JSON.parse((await httpGet(`${reg.url}k8s-manifests`)).body);
  const v = doc.versions[doc['dist-tags'].latest];
  assert.ok(v.keywords.includes('ggen-pack'));
  assert.match(v.dist.integrity, /^sha512-/);
  assert.match(v.ggenPack.integrity, /^sha512-/);
  assert.ok(Object.keys(v.ggenPack.files).includes('pack.toml'));
});

test('publish --dry-run asks the registry but uploads nothing', async () => {
  const r = publish(join(CATALOG, 'rust-cli'), '--dry-run');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.json.data.published, false);
  assert.ok(r.json.data.package.files > 0);
  assert.equal((await httpGet(`${reg.url}rust-cli`)).status, 404);
});

test('republishing a version is refused before upload (exit 2, a clear reason)', () => {
  const r = publish(join(CATALOG, 'k8s-manifests'));
  assert.equal(r.status, 2);
  assert.match(r.json.error!.message, /already published on/);
  const check = r.json.data.checks.find((c: Json) => c.name === 'version-unpublished');
  assert.equal(check.status, 'fail');
  assert.equal(r.json.data.published, false);
});

test('a pack below the score gate is refused and never reaches the registry', async () => {
  const dir = join(temp('packs-low-'), 'low-pack');
  cpSync(join(CATALOG, 'k8s-manifests'), dir, { recursive: true });
  const toml = join(dir, 'pack.toml');
  // Keep it valid, strip what the score counts: no description length, no tags, no examples.
  let text = readFileSync(toml, 'utf8').replace(/^name = "k8s-manifests"/m, 'name = "low-pack"');
  text = text
    .replace(/^tags = \[[^\]]*\]/m, 'tags = []')
    .replace(/^homepage = .*$/m, '')
    .replace(/^repository = .*$/m, '');
  text = text.replace(/\n\[\[examples\]\][\s\S]*?(?=\n\[(?!\[examples)|$)/g, '\n');
  writeFileSync(toml, text);
  const r = publish(dir);
  assert.equal(r.status, 2, r.stdout);
  assert.equal(r.json.data.checks.find((c: Json) => c.name === 'maturity-score').status, 'fail');
  assert.equal((await httpGet(`${reg.url}low-pack`)).status, 404);
});

test('search and list see the registry (source remote); install into a fresh home verifies and records it', () => {
  const h = home(reg.url);
  const s = cli(h, ['search', 'kubernetes manifests']);
  assert.equal(s.status, 0, s.stderr);
  const hit = s.json.data.find((x: Json) => x.name === 'k8s-manifests');
  assert.equal(hit?.source, 'remote');
  assert.equal(hit?.registry, reg.url);
  const l = cli(h, ['list']);
  assert.ok(l.json.data.some((x: Json) => x.name === 'k8s-manifests' && x.source === 'remote'));

  const i = cli(h, ['install', 'k8s-manifests']);
  assert.equal(i.status, 0, i.stderr);
  assert.equal(i.json.data.steps[0].action, 'install');
  assert.equal(i.json.data.steps[0].from, reg.url);
  assert.deepEqual(
    installed(h),
    ['k8s-manifests@1.0.0'].map((x) => x.replace('1.0.0', i.json.data.pack.version)),
  );
  assert.deepEqual(leftovers(h), []);
  const show = cli(h, ['show', 'k8s-manifests']);
  assert.equal(show.json.data.source, 'local');
  const project = temp('packs-gen-');
  const g = cli(h, ['generate', 'k8s-manifests', '--output', join(project, 'out')]);
  assert.equal(g.status, 0, g.stderr + g.stdout);
});

test('a new version published is found by update', () => {
  const h = home(reg.url);
  assert.equal(cli(h, ['install', 'k8s-manifests']).status, 0);
  const before = installed(h);
  const p = publish(packCopy('k8s-manifests', '1.9.0'));
  assert.equal(p.status, 0, p.stderr);
  const check = cli(h, ['update', '--check']);
  assert.equal(check.json.data.updates[0]?.to, '1.9.0', check.stderr);
  const u = cli(h, ['update']);
  assert.equal(u.status, 0, u.stderr);
  assert.ok(installed(h).includes('k8s-manifests@1.9.0'));
  assert.ok(
    before.every((b) => installed(h).includes(b)),
    'older versions stay installed',
  );
  const tree = cli(h, ['show', 'k8s-manifests', '--version', '1.9.0']);
  assert.equal(tree.status, 0);
});

test('a pack whose dependencies are only on the registry installs with them (resolver across sources)', () => {
  for (const p of ['devops-pack', 'monitoring-pack', 'startup-pack']) {
    const r = publish(join(CATALOG, p));
    assert.equal(r.status, 0, `${p}: ${r.stderr}`);
  }
  const h = home(reg.url);
  const t = cli(h, ['tree', 'startup-pack']);
  assert.equal(t.status, 0, t.stderr);
  assert.deepEqual(t.json.data.dependencies.map((d: Json) => d.name).sort(), ['devops-pack', 'monitoring-pack']);
  const i = cli(h, ['install', 'startup-pack']);
  assert.equal(i.status, 0, i.stderr);
  assert.deepEqual(
    installed(h).map((x) => x.split('@')[0]),
    ['devops-pack', 'monitoring-pack', 'startup-pack'],
  );
  assert.ok(i.json.data.steps.every((s: Json) => s.from === reg.url));
  // A local pack folder whose dependency only the registry has.
  const local = join(temp('packs-local-'), 'my-stack');
  cpSync(join(CATALOG, 'startup-pack'), local, { recursive: true });
  writeFileSync(
    join(local, 'pack.toml'),
    readFileSync(join(local, 'pack.toml'), 'utf8').replace(/^name = "startup-pack"/m, 'name = "my-stack"'),
  );
  const h2 = home(reg.url);
  const j = cli(h2, ['install', local]);
  assert.equal(j.status, 0, j.stderr);
  assert.ok(installed(h2).some((x) => x.startsWith('devops-pack@')));
});

test('diff compares two versions that only the registry has', () => {
  const h = home(reg.url);
  const d = cli(h, ['diff', 'k8s-manifests', '1.0.0', '1.9.0']);
  assert.equal(d.status, 0, d.stderr);
  assert.ok(JSON.stringify(d.json.data).includes('1.9.0'));
});

test('offline: after the registry stops, what was fetched keeps working; the rest exits 5 naming it', async () => {
  const h = home(reg.url);
  assert.equal(cli(h, ['install', 'k8s-manifests']).status, 0);
  assert.equal(cli(h, ['search', 'kubernetes']).status, 0);
  assert.equal(cli(h, ['uninstall', 'k8s-manifests']).status, 0);
  await reg.stop();
  try {
    const env = { GGEN_REGISTRY_RETRIES: '0' };
    const s = cli(h, ['search', 'kubernetes'], env);
    assert.equal(s.status, 0, s.stderr);
    assert.ok(s.json.data.some((x: Json) => x.name === 'k8s-manifests' && x.source === 'remote'));
    assert.match(s.stderr, /did not answer/);
    assert.match(s.stderr, /cached answer/);
    // Installed again from the verified copy in the cache.
    const i = cli(h, ['install', 'k8s-manifests'], env);
    assert.equal(i.status, 0, i.stderr);
    assert.match(i.stderr, /cached metadata of k8s-manifests/);
    assert.ok(installed(h).some((x) => x.startsWith('k8s-manifests@')));
    // Never fetched: the network is needed, exit 5, nothing installed.
    const before = installed(h);
    const miss = cli(h, ['install', 'rust-cli'], env);
    assert.equal(miss.status, 5, miss.stderr);
    assert.equal(miss.json.error!.code, 'network');
    assert.match(miss.json.error!.message, /needs the network/);
    assert.deepEqual(installed(h), before);
    assert.deepEqual(leftovers(h), []);
    // Local packs never notice.
    assert.equal(cli(h, ['list', '--source', 'local'], env).status, 0);
    assert.ok(!existsSync(join(h, 'packs', '.lock')));
  } finally {
    await reg.start();
  }
});
