// The VS Code extension's live-preview case: the same SPARQL-backed generation planned again and again
// in one process. Imports the engine's public API from the TypeScript sources (run with `node --import
// tsx`: the built dist/extension-engine.js requires 'vscode' when loaded, so it cannot run outside VS
// Code), calls previewGeneration for ontology-docs + --data trading.ttl once, then REPEAT more times, and
// prints JSON: { queryTimeoutMs, importMs, firstMs, firstQueryMs, repeatMs: [...], repeatQueryMs: [...],
// medianMs, queryMedianMs, files }. `*QueryMs` = the plan's query phase alone (plan.timings.query); the
// others time the whole previewGeneration call. Nothing is written (a preview).
// Usage: node --import tsx test/bench/sparql-bench.mjs <GGEN_HOME> [repeat=10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const home = resolve(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'packs-sparql-home-')));
const REPEAT = Number(process.argv[3] ?? 10);
const t0 = process.hrtime.bigint();
const { NEVER_TRUST, configFromEnvironment, previewGeneration, setEngineConfig } = await import(join(ROOT, 'engine/index.ts'));
const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
// No per-query time limit unless GGEN_QUERY_TIMEOUT_MS says so: under tsx a cold first call can pass the
// 2 s default, and the benchmark reports the time rather than failing on it.
const config = setEngineConfig(
  configFromEnvironment({ ...process.env, GGEN_HOME: home, GGEN_QUERY_TIMEOUT_MS: process.env.GGEN_QUERY_TIMEOUT_MS ?? '0' }),
);

const cwd = mkdtempSync(join(tmpdir(), 'packs-sparql-cwd-'));
const ctx = { home, cwd, log: () => {}, trust: NEVER_TRUST };
const req = {
  pack: 'ontology-docs',
  target: join(cwd, 'docs-out'),
  layers: [],
  data: [join(ROOT, 'test/fixtures/ontologies/trading.ttl')],
};

async function once() {
  const t = process.hrtime.bigint();
  const r = await previewGeneration(req, ctx);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, queryMs: r.plan.timings.query, files: r.files.length };
}

const median = (t) => {
  const s = [...t].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
try {
  const first = await once();
  const repeatMs = [];
  const repeatQueryMs = [];
  for (let i = 0; i < REPEAT; i++) {
    const r = await once();
    repeatMs.push(r.ms);
    repeatQueryMs.push(r.queryMs);
  }
  console.log(
    JSON.stringify({
      queryTimeoutMs: config.queryTimeoutMs,
      importMs,
      firstMs: first.ms,
      firstQueryMs: first.queryMs,
      repeatMs,
      repeatQueryMs,
      medianMs: median(repeatMs),
      queryMedianMs: median(repeatQueryMs),
      files: first.files,
    }),
  );
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
