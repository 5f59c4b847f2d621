/**
 * `dist/cli.js`: turns on V8's code cache, then loads the CLI bundle. Compiling the ~1 MB bundle is
 * most of a cold start; with the cache a repeated `ggen-pack list` skips it. Node ≥ 22.1 has the
 * cache built in; on Node 20 the v8-compile-cache package does the same through the module loader.
 */
import * as nodeModule from 'node:module';

const builtin = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (typeof builtin === 'function') builtin();
else require('v8-compile-cache');

require('./ggen-pack.js');
