// `npm run bench`: whole-process timings (median of several runs) of ggen-pack next to hygen and
// plop generating the same 100 files. Prints a table with each target; exits 0 (numbers, not tests).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeHygen, makePack, makePlop } from './fixtures.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BENCH = import.meta.dirname;
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REGISTRY_SIZE = Number(process.env.BENCH_PACKS ?? 10000);
const work = mkdtempSync(join(tmpdir(), 'packs-bench-'));
// Some machines export NODE_EXTRA_CA_CERTS; loading that bundle costs every Node process ~60 ms at
// start-up, and none of the measured commands uses TLS, so every command (ours and the peers') runs without it.
const { NODE_EXTRA_CA_CERTS: _ca, ...baseEnv } = process.env;

function ensurePeers() {
  if (existsSync(join(BENCH, 'node_modules/.bin/hygen')) && existsSync(join(BENCH, 'node_modules/.bin/plop'))) return;
  console.error('installing the peers (hygen, plop) for the benchmark…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: BENCH, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm install in test/bench failed');
}

/** Runs `cmd` RUNS times (after `prepare`), returns sorted wall times in ms; throws on a failed run. */
function time(cmd, args, { env = {}, cwd = ROOT, prepare } = {}) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    prepare?.();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env: { ...baseEnv, NO_COLOR: '1', ...env }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
    if (i > 0) times.push(ms); // the first run warms the OS file cache
  }
  return times.sort((a, b) => a - b);
}

const median = (t) => (t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2);
const rows = [];
/** `cold`: the same command without the code cache (a verb's first run after install or upgrade). */
function record(name, times, target, cold) {
  const m = median(times);
  const ok = target === undefined ? '' : m <= target ? 'ok' : 'SLOW';
  rows.push({ name, median: m, min: times[0], cold: cold ? median(cold) : undefined, target, ok });
  console.error(`  ${name}: ${m.toFixed(1)} ms`);
  return m;
}

ensurePeers();
const node = (args, opts) => time(process.execPath, [CLI, ...args], opts);
const nodeCold = (args, opts = {}) => time(process.execPath, [CLI, ...args], { ...opts, env: { ...opts.env, GGEN_NO_CODE_CACHE: '1' } });
/** Our command, measured with the code cache (as users run it) and without. */
const ours = (name, args, opts, target) => record(name, node(args, opts), target, nodeCold(args, opts));
record('node -e 0 (baseline)', time(process.execPath, ['-e', '0']));

// Catalog: a fresh $GGEN_HOME, the bundled starter catalog only.
const fresh = join(work, 'home-fresh');
mkdirSync(fresh);
const catalog = { env: { GGEN_HOME: fresh } };
ours('list (catalog)', ['list', '--format', 'json'], catalog, 100);
ours('search (catalog)', ['search', 'startup microservice', '--format', 'json'], catalog, 100);
ours('show (catalog)', ['show', 'startup-pack', '--format', 'json'], catalog, 100);
ours('validate (catalog)', ['validate', 'startup-pack', '--format', 'json'], catalog, 100);

// A synthetic local registry of REGISTRY_SIZE packs.
const big = join(work, 'home-big');
const made = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH, 'make-registry.mjs'), big, String(REGISTRY_SIZE)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (made.status !== 0) throw new Error('make-registry.mjs failed');
const bigEnv = { env: { GGEN_HOME: big } };
const listed = JSON.parse(
  spawnSync(process.execPath, [CLI, 'list', '--source', 'local', '--limit', '1', '--format', 'json'], {
    env: { ...baseEnv, GGEN_HOME: big },
    encoding: 'utf8',
  }).stdout,
);
const somePack = listed.data[0].name;
const k = `${REGISTRY_SIZE / 1000}k`;
ours(`list (${k} packs)`, ['list', '--format', 'json'], bigEnv, 100);
ours(`search (${k} packs)`, ['search', 'startup microservice', '--format', 'json'], bigEnv, 100);
ours(`show (${k} packs)`, ['show', somePack, '--format', 'json'], bigEnv, 100);
ours(`validate (${k} packs)`, ['validate', 'startup-pack', '--format', 'json'], bigEnv, 100);

// Generation of the same 100 files: ggen-pack (without and with one SPARQL query), hygen, plop.
const plain = join(work, 'pack-plain');
const withQuery = join(work, 'pack-sparql');
makePack(plain, { sparql: false });
makePack(withQuery, { sparql: true });
const peers = join(work, 'peers');
makeHygen(peers);
makePlop(peers);
const out = join(work, 'out');
const clean = () => rmSync(out, { recursive: true, force: true });
const genEnv = { env: { GGEN_HOME: fresh }, prepare: clean };
const hygen = record(
  'hygen: 100 files',
  time(join(BENCH, 'node_modules/.bin/hygen'), ['bench', 'new', '--name', 'myapp'], {
    cwd: peers,
    prepare: () => rmSync(join(peers, 'out'), { recursive: true, force: true }),
  }),
);
record(
  'plop: 100 files',
  time(join(BENCH, 'node_modules/.bin/plop'), ['--plopfile', 'plopfile.cjs', 'bench', 'myapp'], {
    cwd: peers,
    prepare: () => rmSync(join(peers, 'out'), { recursive: true, force: true }),
  }),
);
ours('ggen-pack generate: 100 files', ['generate', plain, '--output', out, '--var', 'name=myapp', '--quiet'], genEnv, 0.7 * hygen);
ours('ggen-pack generate: 100 files + SPARQL', ['generate', withQuery, '--output', out, '--var', 'name=myapp', '--quiet'], genEnv, 600);

const table = [
  `| operation (whole process, median of ${RUNS}) | median ms | min ms | no code cache ms | target ms | |`,
  '|---|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${r.cold === undefined ? '' : r.cold.toFixed(1)} | ${r.target === undefined ? '' : r.target.toFixed(0)} | ${r.ok} |`,
  ),
];
console.log(table.join('\n'));
writeFileSync(join(ROOT, 'dist/bench.json'), JSON.stringify(rows, null, 2) + '\n');
rmSync(work, { recursive: true, force: true });

// The language server's own numbers (diagnostics / completion latency, start-up, lazy SPARQL).
spawnSync(process.execPath, [join(BENCH, 'lsp-bench.mjs')], { stdio: 'inherit', env: baseEnv });

// The extension's numbers in a real VS Code (activation, command → preview) and the .vsix size.
if (!process.env.BENCH_NO_VSCODE) spawnSync(process.execPath, [join(BENCH, 'extension-bench.mjs')], { stdio: 'inherit', env: baseEnv });
