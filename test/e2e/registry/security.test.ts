// What a hostile or broken registry can do, against a real Verdaccio: a tarball changed after
// publishing (integrity mismatch), crafted tarballs (`../`, absolute paths, links out of the pack,
// too many files, oversized content) published with npm's own libnpmpublish, and a registry that
// dies in the middle of a download. Each is refused, nothing is installed, the index is unchanged
// and no scratch folder is left anywhere under $GGEN_HOME.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publish as npmPublish } from 'libnpmpublish';
import { startVerdaccio, type Verdaccio } from '../../support/verdaccio';
import { CATALOG, cli, cliAsync, home, installed, leftovers, rawTarball, temp, tree, type RawEntry } from './support';

let reg: Verdaccio;
before(async () => {
  reg = await startVerdaccio();
  const r = cli(temp('packs-pub-'), ['publish', join(CATALOG, 'k8s-manifests'), '--registry', reg.url, '--token', reg.token]);
  assert.equal(r.status, 0, r.stderr);
});
after(async () => {
  await reg?.dispose();
});

/** A home with one pack installed already, so "index unchanged" means something. */
function seededHome(): string {
  const h = home(reg.url);
  const r = cli(h, ['install', 'k8s-manifests']);
  assert.equal(r.status, 0, r.stderr);
  return h;
}

/** Publish a crafted tarball as `name`@1.0.0, with a ggenPack field like a real pack's. */
async function publishCrafted(name: string, entries: RawEntry[]): Promise<void> {
  const manifest = {
    name,
    version: '1.0.0',
    description: 'crafted',
    keywords: ['ggen-pack'],
    ggenPack: {
      format: 1,
      name,
      title: null,
      category: 'custom',
      tags: [],
      templates: [],
      dependencies: [],
      integrity: 'sha512-AAAA',
      files: { 'pack.toml': '0'.repeat(64) },
      publishedBy: 'test',
    },
  };
  const pkgJson = { path: 'package/package.json', data: JSON.stringify(manifest) };
  await npmPublish(manifest, rawTarball([pkgJson, ...entries]), { registry: reg.url, forceAuth: { token: reg.token } });
}

/** Install `name` into a seeded home: it must fail with `exit`, leaving the index, the packs and the cache's packs as they were. */
async function refused(name: string, exit: number, message: RegExp): Promise<void> {
  const h = seededHome();
  const before = installed(h);
  const packsBefore = tree(join(h, 'packs')).filter((p) => !p.startsWith('.lock'));
  const r = await cliAsync(h, ['install', name], { GGEN_REGISTRY_RETRIES: '0' });
  assert.equal(r.status, exit, `${name}: ${r.stdout}\n${r.stderr}`);
  assert.match(r.json.error!.message, message);
  assert.deepEqual(installed(h), before);
  assert.deepEqual(
    tree(join(h, 'packs')).filter((p) => !p.startsWith('.lock')),
    packsBefore,
  );
  assert.deepEqual(leftovers(h), []);
  const cached = join(h, 'cache', 'registries');
  for (const r of existsSync(cached) ? readdirSync(cached) : []) {
    const packs = join(cached, r, 'packs');
    if (existsSync(packs)) assert.ok(!readdirSync(packs).some((n) => n.startsWith(name)), `${name} must not be in the cache`);
  }
}

test('a tarball changed after publishing (dist.integrity mismatch) is refused; nothing installed', async () => {
  const h = home(reg.url);
  const r0 = cli(h, ['publish', join(CATALOG, 'rust-cli'), '--registry', reg.url, '--token', reg.token]);
  assert.equal(r0.status, 0, r0.stderr);
  const dir = join(reg.storage, 'rust-cli');
  const tgz = readdirSync(dir).find((n) => n.endsWith('.tgz'))!;
  writeFileSync(join(dir, tgz), rawTarball([{ path: 'package/package.json', data: '{"name":"rust-cli"}' }]));
  await refused('rust-cli', 2, /Integrity check failed/);
});

test('a "../" entry is refused', async () => {
  await publishCrafted('evil-dotdot', [{ path: 'package/../../evil.txt', data: 'x' }]);
  await refused('evil-dotdot', 6, /refusing the tarball entry/);
});

test('an absolute path is refused', async () => {
  await publishCrafted('evil-absolute', [{ path: '/tmp/packs-evil-absolute.txt', data: 'x' }]);
  await refused('evil-absolute', 6, /refusing the tarball entry/);
  assert.ok(!existsSync('/tmp/packs-evil-absolute.txt'));
});

test('a symbolic link pointing outside is refused', async () => {
  await publishCrafted('evil-link', [{ path: 'package/templates/passwd', type: 'symlink', link: '../../../../etc/passwd' }]);
  await refused('evil-link', 6, /SymbolicLink/);
});

test('too many files are refused', async () => {
  const many = Array.from({ length: 20_001 }, (_, i): RawEntry => ({ path: `package/f/${i}.txt`, data: '' }));
  await publishCrafted('evil-many', many);
  await refused('evil-many', 2, /more than 20000 files/);
});

test('oversized content is refused while inflating', async () => {
  // 101 MB of a repeated random block: compresses about 100× (under node-tar's bomb ratio), so the size cap decides.
  const block = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
  const big = Buffer.alloc(101 * 1024 * 1024);
  for (let at = 0; at < big.length; at += block.length) block.copy(big, at);
  await publishCrafted('evil-big', [{ path: 'package/big.bin', data: big }]);
  await refused('evil-big', 2, /more than 100 MB/);
});

test('a compression bomb is refused', async () => {
  await publishCrafted('evil-bomb', [{ path: 'package/zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) }]);
  await refused('evil-bomb', 2, /compression bomb/);
});

test('a file the registry does not list is refused (the registry metadata, not the tarball, decides)', async () => {
  await publishCrafted('evil-extra', [{ path: 'package/pack.toml', data: '[metadata]\nname = "evil-extra"\n' }]);
  await refused('evil-extra', 2, /SHA-256 mismatch|does not list/);
});

test('the registry going down in the middle of a download leaves the index unchanged (exit 5)', async () => {
  // A registry in front of Verdaccio that serves metadata, then cuts every tarball off half-way.
  const upstream = new URL(reg.url);
  const proxy: Server = createServer((req, res) => {
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
        agent: false,
      },
      (u) => {
        const chunks: Buffer[] = [];
        u.on('data', (c: Buffer) => chunks.push(c));
        u.on('end', () => {
          let body = Buffer.concat(chunks);
          const self = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/`;
          if (req.url!.endsWith('.tgz')) {
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
            res.write(body.subarray(0, body.length >> 1));
            // The server dies: the connection drops with half the promised bytes sent.
            res.socket?.destroy();
            return;
          }
          body = Buffer.from(body.toString('utf8').split(reg.url).join(self));
          res.writeHead(u.statusCode ?? 500, { 'content-type': u.headers['content-type'] ?? 'application/json' });
          res.end(body);
        });
      },
    );
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (proxy.address() as { port: number }).port;
    const h = home(`http://127.0.0.1:${port}/`);
    const r0 = cli(h, ['publish', join(CATALOG, 'docs-site'), '--registry', reg.url, '--token', reg.token]);
    assert.equal(r0.status, 0, r0.stderr);
    const before = installed(h);
    const r = await cliAsync(h, ['install', 'docs-site'], { GGEN_REGISTRY_RETRIES: '0' });
    assert.equal(r.status, 5, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.json.error!.code, 'network');
    assert.deepEqual(installed(h), before);
    assert.deepEqual(leftovers(h), []);
  } finally {
    await new Promise<void>((r) => proxy.close(() => r()));
  }
});
