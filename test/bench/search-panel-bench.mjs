// The search panel's per-keystroke cost in the engine: browsePacks (ranked fuzzy search + filters +
// facets + maturity of the rows shown) over a registry of N packs, called once per prefix of a few
// queries as a user types them, in one process (as the extension host does). Imports the engine from
// its TypeScript sources (dist/extension-engine.js needs 'vscode'), so run it with `node --import tsx`.
// Prints JSON: { packs, keystrokes, firstMs, medianMs, p95Ms, maxMs, emptyQueryMs, scoresMs, scoredRows }
// (scoresMs: the follow-up request that scores the rows shown, which no keystroke waits for).
// Usage: node --import tsx test/bench/search-panel-bench.mjs <GGEN_HOME with a registry>
import { resolve, join } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const home = resolve(process.argv[2]);
const { maturityOf, packBrowser, configFromEnvironment, openStore, setEngineConfig } = await import(join(ROOT, 'engine/index.ts'));
setEngineConfig(configFromEnvironment({ ...process.env, GGEN_HOME: home }));
const store = openStore(home);

const QUERIES = ['monitoring stack', 'grafna dashbord', 'rust cli', 'terraform aws module'];
const browse = packBrowser(store);
const ask = (query) => browse({ query, category: null, tag: null, minScore: 0 });
const time = (fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

// The panel's first question: the unfiltered list (also warms the store's caches).
const emptyQueryMs = time(() => ask(''));
const times = [];
let firstMs = null;
for (const q of QUERIES) {
  for (let i = 1; i <= q.length; i++) {
    const ms = time(() => ask(q.slice(0, i)));
    firstMs ??= ms;
    times.push(ms);
  }
}
// What the panel asks right after showing a new list: the maturity scores of its (up to 50) rows.
const shown = ask('api').rows;
const scoresMs = time(() => shown.forEach((r) => maturityOf(store, r)));
const sorted = [...times].sort((a, b) => a - b);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const packs = store.nameCount('all');
console.log(
  JSON.stringify({
    packs,
    keystrokes: times.length,
    firstMs,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted.at(-1),
    emptyQueryMs,
    scoresMs,
    scoredRows: shown.length,
  }),
);
