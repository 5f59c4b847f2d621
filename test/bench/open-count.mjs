// How many files a command opens, for `npm run bench`: with strace where it exists (every open/openat
// of the whole process tree, `strace -f -c`, plus a second run with `strace -f -e trace=openat,open`
// whose paths are classified), else with the count-opens.cjs preload (JavaScript-level fs calls only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

const STRACE = ['/usr/bin/strace', '/bin/strace', '/usr/local/bin/strace'].find((p) => existsSync(p));
/** `strace` or `fs shim`; BENCH_OPENS=shim forces the shim (to try it where strace exists). */
export const OPEN_METHOD = process.env.BENCH_OPENS === 'shim' || !STRACE ? 'fs shim' : 'strace';
const SHIM = join(import.meta.dirname, 'count-opens.cjs');

function run(cmd, args, { cwd, env }) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stderr}`);
  return r;
}

/** `strace -c`'s summary: the calls column of its open/openat lines (errors included). */
function parseSummary(text) {
  let total = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 5 && /^(open|openat)$/.test(f.at(-1)) && /^\d+$/.test(f[3])) total += Number(f[3]);
  }
  return total;
}

/** The path of every open/openat line of a `strace -f` log (an unfinished call carries its path; its resumption does not). */
function parseTrace(text, cwd) {
  const paths = [];
  for (const m of text.matchAll(/\bopen(?:at)?\((?:[A-Z_]+|\d+)?(?:<[^>]*>)?,?\s*"((?:[^"\\]|\\.)*)"/g)) paths.push(resolve(cwd, m[1]));
  return paths;
}

/**
 * Sorts opened paths: pack inputs (under `packDir`), outputs (`outDir` and its staging siblings
 * `.<name>.packs-staging-*`), bookkeeping (`.packs/` in either), runtime (everything else; `home` =
 * how many of those are under `homeDir`, e.g. the V8 code cache and catalog cache).
 */
export function classify(paths, { packDir, outDir, homeDir }) {
  const c = { pack: 0, outputs: 0, bookkeeping: 0, runtime: 0, home: 0 };
  const staging = join(dirname(outDir), `.${basename(outDir)}.packs-staging-`);
  const under = (p, d) => p === d || p.startsWith(d + sep);
  for (const p of paths) {
    let root = under(p, outDir) ? outDir : p.startsWith(staging) ? p.slice(0, (p + sep).indexOf(sep, staging.length)) : null;
    if (root !== null) {
      if (under(p, join(root, '.packs'))) c.bookkeeping++;
      else c.outputs++;
    } else if (packDir && under(p, packDir)) c.pack++;
    else {
      c.runtime++;
      if (homeDir && under(p, homeDir)) c.home++;
    }
  }
  return c;
}

/**
 * Opens of one run of `cmd args` (after `prepare()`), as { method, total, breakdown, detailTotal }.
 * With strace: `total` from `strace -f -c`, `breakdown` from a second, traced run (same prepare).
 */
export function countOpens(cmd, args, { cwd, env, prepare, packDir, outDir, homeDir }) {
  const tmp = mkdtempSync(join(tmpdir(), 'packs-opens-'));
  try {
    if (OPEN_METHOD === 'strace') {
      prepare?.();
      const summary = join(tmp, 'summary.txt');
      run(STRACE, ['-f', '-c', '-e', 'trace=openat,open', '-o', summary, cmd, ...args], { cwd, env });
      const total = parseSummary(readFileSync(summary, 'utf8'));
      prepare?.();
      const trace = join(tmp, 'trace.txt');
      run(STRACE, ['-f', '-e', 'trace=openat,open', '-o', trace, cmd, ...args], { cwd, env });
      const paths = parseTrace(readFileSync(trace, 'utf8'), cwd);
      return { method: OPEN_METHOD, total, detailTotal: paths.length, breakdown: classify(paths, { packDir, outDir, homeDir }) };
    }
    prepare?.();
    const base = join(tmp, 'opens');
    const nodeOptions = [env.NODE_OPTIONS, `--require ${JSON.stringify(SHIM)}`].filter(Boolean).join(' ');
    run(cmd, args, { cwd, env: { ...env, NODE_OPTIONS: nodeOptions, COUNT_OPENS_OUT: base } });
    const paths = readdirSync(tmp)
      .filter((f) => f.startsWith('opens.'))
      .flatMap((f) => readFileSync(join(tmp, f), 'utf8').split('\n').filter(Boolean));
    return {
      method: OPEN_METHOD,
      total: paths.length,
      detailTotal: paths.length,
      breakdown: classify(paths, { packDir, outDir, homeDir }),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
