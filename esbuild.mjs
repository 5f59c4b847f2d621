// One build script, one context per entry. The SPARQL engine (Comunica) is its own bundle,
// dist/sparql.js, loaded with a dynamic import only when a query runs: the source imports
// './comunica-backend' and the plugin below points that import at the sibling bundle.
import * as esbuild from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const lazySparql = {
  name: 'lazy-sparql',
  setup(build) {
    build.onResolve({ filter: /\/comunica-backend$/ }, () => ({ path: './sparql.js', external: true }));
  },
};

const entries = [
  { entryPoints: { cli: 'engine/cli/launcher.ts' }, banner: { js: '#!/usr/bin/env node' }, external: ['./ggen-pack.js'] },
  { entryPoints: { 'ggen-pack': 'engine/cli/bin.ts' }, plugins: [lazySparql] },
  { entryPoints: { sparql: 'engine/rdf/comunica-backend.ts' } },
  { entryPoints: { 'language-server': 'language-server/server.ts' }, plugins: [lazySparql] },
];

mkdirSync('dist', { recursive: true });
const sizes = {};
for (const e of entries) {
  const opts = { ...common, ...e, outdir: 'dist' };
  if (watch) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
  } else {
    const result = await esbuild.build(opts);
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) sizes[file] = out.bytes;
    }
  }
}
if (!watch) {
  writeFileSync('dist/bundle-sizes.json', JSON.stringify(sizes, null, 2) + '\n');
  if (process.env.BUILD_VERBOSE) console.log(sizes);
}
