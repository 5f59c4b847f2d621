// Runs the built CLI (dist/cli.js, from `node esbuild.mjs`) in a temp folder with its own $GGEN_HOME
// and an empty bundled catalog unless a test gives one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../../dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function session(opts: { bundledDir?: string } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'packs-authoring-'));
  // $GGEN_HOME lives outside the working folder: it holds caches (the V8 code cache among them) that any
  // run may write, while tests compare the working folder's tree to prove a verb wrote nothing there.
  const home = mkdtempSync(join(tmpdir(), 'packs-authoring-home-'));
  const bundled = opts.bundledDir ?? join(cwd, '.empty-catalog');
  mkdirSync(bundled, { recursive: true });
  const run = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1', GGEN_BUNDLED_DIR: bundled },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const json = (...args: string[]) => {
    const r = run(...args, '--format', 'json');
    // The envelope is untyped JSON from another process; each test reads the fields its verb prints.
    try {
      return { ...r, doc: JSON.parse(r.stdout) };
    } catch {
      throw new Error(`not one JSON document (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  };
  return { cwd, home, bundled, run, json };
}
