/**
 * Shared by the registry e2e tests: the built CLI run as a real process against a real Verdaccio
 * (test/support/verdaccio.ts), homes with a config.toml pointing at it, copies of catalog packs with
 * another version, and crafted tarballs for the security tests.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';

export const CLI = resolve(__dirname, '../../../dist/cli.js');
export const CATALOG = resolve(__dirname, '../../../examples/packs');

export const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** An empty catalog: installs in these tests must come from the registry, not from the bundled copy. */
export const EMPTY_CATALOG = temp('packs-empty-catalog-');

/** A fresh $GGEN_HOME whose config.toml points at `url` (or none when url is null). */
export function home(url: string | null, extra = ''): string {
  const h = temp('packs-reg-home-');
  if (url) writeFileSync(join(h, 'config.toml'), `[registries]\nteam = "${url}"\n${extra}`);
  return h;
}

/** A value parsed from a verb's JSON output, read by shape (the envelope is documented in SPEC §10). */
export type Json = ReturnType<typeof JSON.parse>;

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
  json: { ok: boolean; data: Json; issues: Json[]; error: { code: string; message: string; hint?: string } | null };
}

/** Run the built CLI with `--format json`; `env` adds variables (the catalog is empty unless given). */
export function cli(h: string, args: string[], env: Record<string, string> = {}, cwd = h): Run {
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], {
    cwd,
    env: { ...process.env, GGEN_HOME: h, GGEN_BUNDLED_DIR: EMPTY_CATALOG, NO_COLOR: '1', GGEN_NO_CODE_CACHE: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let json: Run['json'];
  try {
    json = JSON.parse(r.stdout);
  } catch {
    assert.fail(`ggen-pack ${args.join(' ')} printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** A copy of catalog pack `name` with `version` (and its CHANGELOG entry), for publishing a new version. */
export function packCopy(name: string, version?: string): string {
  const dir = join(temp('packs-reg-pack-'), name);
  cpSync(join(CATALOG, name), dir, { recursive: true });
  if (version) {
    const toml = join(dir, 'pack.toml');
    writeFileSync(toml, readFileSync(toml, 'utf8').replace(/^version = "[^"]+"/m, `version = "${version}"`));
    const log = join(dir, 'CHANGELOG.md');
    const text = readFileSync(log, 'utf8');
    const at = text.search(/^## /m);
    writeFileSync(
      log,
      `${text.slice(0, at)}## [${version}] - 2026-12-01\n\n- A newer version for the registry tests.\n\n${text.slice(at)}`,
    );
  }
  return dir;
}

/** The index entries (name@version) of a home. */
export function installed(h: string): string[] {
  const file = join(h, 'packs', 'index.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { name: string; version: string })
    .map((e) => `${e.name}@${e.version}`)
    .sort();
}

/** Scratch folders anywhere under a home (`.tmp-…`, `.trash-…`): none may survive a failed or killed install. */
export function leftovers(h: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || !existsSync(dir)) return;
    for (const n of readdirSync(dir, { withFileTypes: true })) {
      if (!n.isDirectory()) continue;
      if (/^\.(tmp|trash)-/.test(n.name)) out.push(join(dir, n.name));
      else walk(join(dir, n.name), depth + 1);
    }
  };
  walk(h, 0);
  return out;
}

/** One raw tar entry (a crafted tarball may hold what node-tar would never write: `..`, absolute paths, links). */
export interface RawEntry {
  path: string;
  type?: 'file' | 'symlink' | 'dir';
  data?: Buffer | string;
  link?: string;
}

function header(e: RawEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(e.path.slice(0, 100), 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14000000000\0', 136);
  h.write('        ', 148);
  h.write(e.type === 'symlink' ? '2' : e.type === 'dir' ? '5' : '0', 156);
  if (e.link) h.write(e.link, 157);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** A gzipped tarball of `entries`, written byte by byte (no library checks in the way). */
export function rawTarball(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.type === 'file' || e.type === undefined ? Buffer.from(e.data ?? '') : Buffer.alloc(0);
    parts.push(header(e, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** A home folder's tree listing, for "nothing changed" checks. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${n.name}` : n.name;
      out.push(r);
      if (n.isDirectory()) walk(join(d, n.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

export const ensureDir = (d: string) => mkdirSync(d, { recursive: true });

/**
 * GET `url` on a fresh connection (no keep-alive: the test process blocks in spawnSync between requests,
 * so a pooled socket may have been closed by the server meanwhile). Resolves with status and body.
 */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** `cli` without blocking this process (a test that serves HTTP itself must keep its event loop running). */
export function cliAsync(h: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args, '--format', 'json'], {
      cwd: h,
      env: { ...process.env, GGEN_HOME: h, GGEN_BUNDLED_DIR: EMPTY_CATALOG, NO_COLOR: '1', GGEN_NO_CODE_CACHE: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      let json: Run['json'];
      try {
        json = JSON.parse(stdout);
      } catch {
        json = { ok: false, data: null, issues: [], error: { code: 'none', message: `no JSON: ${stdout}\n${stderr}` } };
      }
      done({ status: code ?? -1, stdout, stderr, json });
    });
  });
}
