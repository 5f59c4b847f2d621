// Paired timings for `npm run bench`: two commands run alternately (a, b, a, b, …) after one warm-up
// each, so both see the same machine state (CPU frequency, page cache, other load) and a slow moment
// hits one pair rather than one tool. The verdict is the median of the per-pair ratios a/b.
import { spawnSync } from 'node:child_process';

/** One run of `cmd args` as { ms, stdout, stderr }; stdin is closed (a prompt reads EOF, it cannot hang); throws on failure. */
export function spawnTimed(cmd, args, { cwd, env, timeout = 120_000 }) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error?.code === 'ETIMEDOUT') throw new Error(`${cmd} ${args.join(' ')} did not finish in ${timeout / 1000} s`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}\n${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

export const median = (t) => {
  const s = [...t].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * `a` and `b` are { cmd, args, cwd, env, prepare?, check? }: `prepare()` runs untimed before each run,
 * `check(result)` returns a problem (string) or nothing — the first problem of each side is kept.
 * Returns { a: ms[], b: ms[], ratios: (a/b)[], problems: string[] }.
 */
export function runPairs(pairs, a, b) {
  const problems = [];
  const once = (side, name) => {
    side.prepare?.();
    const r = spawnTimed(side.cmd, side.args, side);
    const problem = side.check?.(r);
    if (problem && !problems.some((p) => p.startsWith(name))) problems.push(`${name}: ${problem}`);
    return r.ms;
  };
  once(a, a.name ?? 'a');
  once(b, b.name ?? 'b');
  const out = { a: [], b: [], ratios: [], problems };
  for (let i = 0; i < pairs; i++) {
    const ta = once(a, a.name ?? 'a');
    const tb = once(b, b.name ?? 'b');
    out.a.push(ta);
    out.b.push(tb);
    out.ratios.push(ta / tb);
  }
  return out;
}
