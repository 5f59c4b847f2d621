/**
 * `ggen-pack benchmark` (SPEC §3): generate a pack N times in one process and report mean / median /
 * min / max of each phase (resolve, query, render, write, total) and of each template's rendering.
 * Every iteration plans from scratch and writes into a fresh temporary directory, removed afterwards;
 * the first iteration (cold: the SPARQL engine and the caches start empty) is also reported alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { engineConfig } from '../config';
import { applyPlan, planGeneration, type GenerateOptions } from '../generate';

export interface Stats {
  mean: number;
  median: number;
  min: number;
  max: number;
}

export const PHASES = ['resolve', 'query', 'render', 'write', 'total'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchmarkResult {
  iterations: number;
  /** Files one generation writes. */
  files: number;
  phases: Record<Phase, Stats>;
  /** The first iteration alone. */
  first: Record<Phase, number>;
  templates: { pack: string; template: string; stats: Stats }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Mean, median, min and max of `values` (at least one). */
export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  // The two middle values (the same one for an odd length).
  const lo = s[(s.length - 1) >> 1];
  const hi = s[s.length >> 1];
  const min = s[0];
  const max = s.at(-1);
  if (lo === undefined || hi === undefined || min === undefined || max === undefined) throw new Error('internal: stats() of no values');
  const median = s.length % 2 ? hi : (lo + hi) / 2;
  return { mean: round(s.reduce((a, b) => a + b, 0) / s.length), median: round(median), min: round(min), max: round(max) };
}

/** Run `iterations` full generations of `opts` (output is ignored: each goes to a temporary directory). */
export async function benchmarkGeneration(opts: Omit<GenerateOptions, 'output'>, iterations: number): Promise<BenchmarkResult> {
  const runs: Record<Phase, number>[] = [];
  const perTemplate = new Map<string, { pack: string; template: string; ms: number[] }>();
  let files = 0;
  for (let i = 0; i < iterations; i++) {
    const dir = mkdtempSync(join(engineConfig().tmpDir, 'ggen-bench-'));
    try {
      const t0 = process.hrtime.bigint();
      const output = join(dir, 'out');
      const plan = await planGeneration({ ...opts, output, noQueryCache: true });
      const applied = await applyPlan(plan, { output });
      const total = Number(process.hrtime.bigint() - t0) / 1e6;
      runs.push({ ...plan.timings, write: applied.write, total });
      files = applied.files.length;
      for (const t of plan.timings.templates) {
        const key = `${t.pack}\0${t.template}`;
        const entry = perTemplate.get(key) ?? { pack: t.pack, template: t.template, ms: [] };
        entry.ms.push(t.ms);
        perTemplate.set(key, entry);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [firstRun] = runs;
  if (!firstRun) throw new Error('internal: benchmarkGeneration needs at least one iteration');
  const phases = Object.fromEntries(PHASES.map((p) => [p, stats(runs.map((r) => r[p]))])) as Record<Phase, Stats>;
  const first = Object.fromEntries(PHASES.map((p) => [p, round(firstRun[p])])) as Record<Phase, number>;
  return {
    iterations,
    files,
    phases,
    first,
    templates: [...perTemplate.values()].map((t) => ({ pack: t.pack, template: t.template, stats: stats(t.ms) })),
  };
}
