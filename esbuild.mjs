// One build script, one context per entry. The SPARQL engine (Comunica) is its own bundle,
// dist/sparql.js, loaded only when a query runs: the source requires './comunica-backend' lazily and
// the plugin below points that require at the sibling bundle, loaded through the code cache.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { sparqlPatches } from './scripts/sparql-patches.mjs';

const watch = process.argv.includes('--watch');
const WEBVIEW_PANELS = ['search', 'score', 'variables'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: !process.env.NO_MINIFY, // NO_MINIFY=1 npm run build: readable names in CPU profiles
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

/**
 * A plugin that turns imports matching `filter` into a require of the sibling bundle dist/<file>,
 * loaded through the code cache on first use, so the bundle that imports it neither parses nor
 * compiles it until then.
 */
const lazyBundle = (name, filter, file, cacheKey) => ({
  name: `lazy-${name}`,
  setup(build) {
    build.onResolve({ filter }, () => ({ path: `${name}-runtime`, namespace: `lazy-${name}` }));
    build.onLoad({ filter: /.*/, namespace: `lazy-${name}` }, () => ({
      contents: `const { join } = require('node:path');
module.exports = require('./engine/util/compile-cache.ts').loadWithCodeCache(join(__dirname, ${JSON.stringify(file)}), ${JSON.stringify(cacheKey)});`,
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
});

// The SPARQL engine: compiling the 1.7 MB bundle through the code cache saves a third of a query's cold start.
const lazySparql = lazyBundle('sparql', /\/comunica-backend$/, 'sparql.js', 'sparql');
// RE2 (re2js, ~160 KB minified) runs pack authors' regular expressions (engine/render/user-regex.ts).
// Only generation and lint of a pack with patterns need it, so it is its own bundle, dist/re2.js,
// required on the first pattern: list, search and show neither parse nor compile it.
const lazyRe2 = lazyBundle('re2', /^re2js$/, 're2.js', 're2');
// npm's client libraries (npm-registry-fetch, libnpmpublish: ~1 MB) talk to remote registries
// (engine/registry/npm-client.ts). Only a network call needs them, so they are their own bundle,
// dist/npm-client.js, required on the first one: list/search of local packs and generate never load it.
const lazyNpm = lazyBundle('npm', /\/npm-client$/, 'npm-client.js', 'npm');

// Comunica's default engine also carries its command line (yargs, componentsjs, RDF parsers for
// remote sources), GraphQL-LD and a dozen result serializers; packs query an in-memory N3.Store and
// convert results themselves, so those are cut from dist/sparql.js. Measured here: loading the bundle
// went from ~330 ms to ~140 ms and the bundle from 3.7 MB to 1.7 MB; test/unit/rdf and the catalog
// e2e run every query form through it.
const COMUNICA_SLIM = {
  // The engine needs ActorInitQuery only as ActorInitQueryBase (the subclass adds the CLI `run`).
  '@comunica/actor-init-query': `const base = require('@comunica/actor-init-query/lib/ActorInitQueryBase.js');
module.exports = { ActorInitQueryBase: base.ActorInitQueryBase, ActorInitQuery: base.ActorInitQueryBase,
  QueryEngineBase: require('@comunica/actor-init-query/lib/QueryEngineBase.js').QueryEngineBase };`,
  // The QueryEngine without the QueryEngineFactory (which loads componentsjs).
  '@comunica/query-sparql-rdfjs': `module.exports = require('@comunica/query-sparql-rdfjs/lib/QueryEngine.js');`,
};
// Actors that only serve features packs never reach: they become inert classes that register nowhere.
const COMUNICA_UNUSED = new RegExp(
  '^@comunica/(' +
    [
      'actor-query-parse-graphql', // GraphQL-LD queries
      'actor-query-result-serialize-[a-z-]+', // packs convert results themselves (engine/rdf/serialize.ts)
      'actor-rdf-serialize-(jsonld|shaclc)',
      'actor-query-operation-update-[a-z]+', // SPARQL Update: packs only read (the backend refuses updates)
      'actor-optimize-query-operation-rewrite-(add|copy|move)',
      'actor-rdf-update-quads-rdfjs-store',
      'actor-query-source-identify-hypermedia(-sparql)?', // remote sources: packs query an in-memory store
      // OPTIONAL by bind join re-runs the optional side once per solution of the left side (each run
      // building its own pipeline); with it gone, Comunica joins OPTIONALs by hash, evaluating each
      // side once. Same answers; on the catalog's ontology queries about 30 % faster.
      'actor-rdf-join-optional-bind',
    ].join('|') +
    ')$',
);
const comunicaSlim = {
  name: 'comunica-slim',
  setup(build) {
    build.onResolve({ filter: /^@comunica\/(actor-init-query|query-sparql-rdfjs)$/ }, (a) => ({
      path: a.path,
      namespace: 'comunica-slim',
    }));
    build.onLoad({ filter: /.*/, namespace: 'comunica-slim' }, (a) => ({
      contents: COMUNICA_SLIM[a.path],
      loader: 'js',
      resolveDir: process.cwd(),
    }));
    build.onResolve({ filter: COMUNICA_UNUSED }, (a) => ({ path: a.path, namespace: 'comunica-unused' }));
    build.onLoad({ filter: /.*/, namespace: 'comunica-unused' }, () => ({
      contents:
        "class Unused { constructor() {} }\nmodule.exports = new Proxy({}, { get: (_, k) => (k === '__esModule' ? false : Unused) });",
      loader: 'js',
    }));
  },
};

// The extension host loads the engine on first use, not at activation: extension/engine-port.ts
// re-exports ./engine-entry, which this plugin turns into a proxy over dist/extension-engine.js (the
// engine, configured from the settings). The proxy knows the export names up front (read from an ESM
// build of the entry), so esbuild's re-export helpers copy lazy getters without loading anything.
const engineEntryNames = (
  await esbuild.build({
    ...common,
    entryPoints: ['extension/engine-entry.ts'],
    format: 'esm',
    write: false,
    outdir: 'dist',
    external: ['vscode'],
    plugins: [lazySparql, lazyRe2, lazyNpm],
  })
).metafile.outputs;
const ENGINE_EXPORTS = Object.values(engineEntryNames).find((o) => o.entryPoint)?.exports ?? [];
const lazyEngine = {
  name: 'lazy-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine-entry$/ }, (a) =>
      a.importer.endsWith('engine-port.ts') ? { path: 'engine-entry', namespace: 'lazy-engine' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-engine' }, () => ({
      contents: `const { join } = require('node:path');
const names = ${JSON.stringify(ENGINE_EXPORTS)};
let engine;
const load = () => (engine ??= require(join(__dirname, 'extension-engine.js')));
module.exports = new Proxy({}, {
  get: (_, k) => (k === '__esModule' ? true : load()[k]),
  has: (_, k) => names.includes(k),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_, k) => (names.includes(k) ? { enumerable: true, configurable: true, get: () => load()[k] } : undefined),
});`,
      loader: 'js',
    }));
  },
};

// The language client is its own bundle too, required right after activation (extension/main.ts).
const lazyClient = {
  name: 'lazy-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/client$/ }, (a) =>
      a.importer.endsWith('main.ts') ? { path: './extension-client.js', external: true } : undefined,
    );
  },
};

const entries = [
  // Built first: its hash names the runtime whose answers the query cache keeps (below).
  // sparqlPatches: string order by code point, exact REDUCED/DISTINCT, locale- and TZ-free dates (SPEC §11).
  { entryPoints: { sparql: 'engine/rdf/comunica-backend.ts' }, plugins: [comunicaSlim, sparqlPatches] },
  { entryPoints: { cli: 'engine/cli/launcher.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { 'ggen-pack': 'engine/cli/bin.ts' }, plugins: [lazySparql, lazyRe2, lazyNpm] },
  { entryPoints: { 'npm-client': 'engine/registry/npm-client.ts' }, external: ['node-gyp/bin/node-gyp.js'] },
  { entryPoints: { re2: 'node_modules/re2js/build/index.cjs' } },
  { entryPoints: { 'language-server': 'language-server/launcher.ts' } },
  { entryPoints: { 'language-server-main': 'language-server/server.ts' }, plugins: [lazySparql, lazyRe2, lazyNpm] },
  // The extension host: `vscode` is provided by the host; the engine is bundled in, SPARQL and RE2 stay lazy.
  // The banner marks when the bundle starts evaluating, so activationMs covers module evaluation + activate().
  {
    entryPoints: { extension: 'extension/main.ts' },
    external: ['vscode'],
    plugins: [lazyEngine, lazyClient],
    banner: { js: 'globalThis.__packsLoadStart = performance.now();' },
  },
  { entryPoints: { 'extension-engine': 'extension/engine-entry.ts' }, external: ['vscode'], plugins: [lazySparql, lazyRe2, lazyNpm] },
  { entryPoints: { 'extension-client': 'extension/client.ts' }, external: ['vscode'] },
  // The integration tests that run inside a real VS Code (scripts/vscode/), against the installed extension's API.
  { entryPoints: { 'test/extension-tests': 'test/extension/index.ts' }, external: ['vscode'], minify: false },
  { entryPoints: { 'test/extension-bench': 'test/extension/bench.ts' }, external: ['vscode'], minify: false },
  { entryPoints: { 'test/extension-untrusted': 'test/extension/untrusted.ts' }, external: ['vscode'], minify: false },
  // The panels' browser code (webview/): one script and one stylesheet per panel, into dist/webview/,
  // the only folder a webview may load from (extension/panels/webview-host.ts).
  ...WEBVIEW_PANELS.map((panel) => ({
    // main.ts imports its style.css, which esbuild writes next to the script as <panel>.css.
    entryPoints: { [`webview/${panel}`]: `webview/${panel}/main.ts` },
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: false,
  })),
];

mkdirSync('dist/webview', { recursive: true });
// Codicons for <vscode-icon> and the panels' own icons: the font is loaded by the stylesheet, from dist/webview/.
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/${f}`);
const sizes = {};
// engine/rdf/query-cache.ts keys cached answers by the SPARQL runtime that computed them (its query
// engine and its conversion of results live in dist/sparql.js), so a new build never reads an old
// build's answers. In watch mode the runtime is rebuilt in place: a per-session id stands in.
let runtimeId = watch ? `watch-${Date.now()}` : null;
for (const e of entries) {
  const opts = { ...common, ...e, outdir: 'dist' };
  if (runtimeId) opts.define = { __GGEN_SPARQL_RUNTIME_ID__: JSON.stringify(runtimeId) };
  if (watch) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
  } else {
    const result = await esbuild.build(opts);
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) sizes[file] = out.bytes;
    }
    runtimeId ??= createHash('sha256').update(readFileSync('dist/sparql.js')).digest('hex').slice(0, 32);
  }
}
if (!watch) {
  writeFileSync('dist/bundle-sizes.json', JSON.stringify(sizes, null, 2) + '\n');
  if (process.env.BUILD_VERBOSE) console.log(sizes);
}
