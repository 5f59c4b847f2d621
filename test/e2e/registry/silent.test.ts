// A registry that accepts connections and never answers (a hung server, a black-holing proxy): after
// GGEN_REGISTRY_TIMEOUT_MS the CLI gives up on it with a message naming it and what needed the
// network. The server never answers at all, so the outcome does not depend on the machine's speed:
// the short timeout only keeps the test short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { cliAsync, home, installed, leftovers } from './support';

test('a registry that never answers: search falls back with a warning, install exits 5, nothing changes', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (silent.address() as { port: number }).port;
    const h = home(`http://127.0.0.1:${port}/`);
    const env = { GGEN_REGISTRY_TIMEOUT_MS: '300', GGEN_REGISTRY_RETRIES: '0' };
    const s = await cliAsync(h, ['search', 'anything'], env);
    assert.equal(s.status, 0, s.stderr);
    assert.match(s.stderr, new RegExp(`127\\.0\\.0\\.1:${port}/ did not answer`));
    assert.match(s.stderr, /need the network/);
    const i = await cliAsync(h, ['install', 'remote-only-pack'], env);
    assert.equal(i.status, 5, i.stderr);
    assert.equal(i.json.error!.code, 'network');
    assert.match(i.json.error!.message, /remote-only-pack needs the network/);
    assert.deepEqual(installed(h), []);
    assert.deepEqual(leftovers(h), []);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  }
});
