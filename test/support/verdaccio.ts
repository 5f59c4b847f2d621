/**
 * A real Verdaccio for the registry tests: started on 127.0.0.1 on a free port with a temp config
 * (`uplinks: {}` — it never reaches npmjs —, storage in a temp dir, htpasswd auth so a user and its
 * token can be made), waited for by polling its ping endpoint (a hang guard, not a timing
 * assertion), and stopped afterwards. `stop()` then `start()` again serves the same storage on the
 * same port (the offline tests stop it; a restart brings the same packages back).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Verdaccio's own command line (node_modules/.bin/verdaccio) refuses Node < 22; its server API runs on Node 20.
// From __filename: under tsx's ESM loader (the bench) __dirname is not this folder.
const HERE = dirname(__filename);
const SERVER = resolve(HERE, 'verdaccio-server.mjs');
/** How long start-up may take before the harness gives up: a hang guard for a machine under load. */
const START_GUARD_MS = 120_000;

export interface Verdaccio {
  url: string;
  port: number;
  /** Where Verdaccio keeps packages (`<storage>/<name>/package.json` and tarballs). */
  storage: string;
  /** A token for user `tester` (made at start). */
  token: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stop and remove every temp file. */
  dispose(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const guard = Date.now() + START_GUARD_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > guard) throw new Error(`verdaccio did not start within the hang guard:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startVerdaccio(): Promise<Verdaccio> {
  const root = mkdtempSync(join(tmpdir(), 'packs-verdaccio-'));
  const storage = join(root, 'storage');
  mkdirSync(storage);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(root, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${storage}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(root, 'htpasswd')}`,
      '    max_users: 100',
      'uplinks: {}',
      'packages:',
      "  '@*/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'security:',
      '  api:',
      '    legacy: true',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;
  let output = '';
  const v: Verdaccio = {
    url,
    port,
    storage,
    token: '',
    async start() {
      output = '';
      child = spawn(process.execPath, [SERVER, config, String(port)], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve(HERE, '../..') });
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      await waitUntilUp(url, child, () => output);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((done) => {
        c.once('exit', () => done());
        c.kill('SIGKILL');
      });
    },
    async dispose() {
      await v.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  await v.start();
  // htpasswd auth: adding a user answers with its token.
  const res = await fetch(`${url}-/user/org.couchdb.user:tester`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'tester', password: 'tester-password', type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`verdaccio gave no token: ${JSON.stringify(body)}`);
  v.token = body.token;
  return v;
}
