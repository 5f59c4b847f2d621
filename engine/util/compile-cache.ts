/**
 * V8's code cache for our bundles: compiling ~1 MB of JavaScript is most of a cold start, and with
 * the cache a repeated start skips it. Node ≥ 22.1 has it built in; on Node 20 the v8-compile-cache
 * package does the same through the module loader. Called by the tiny launchers (dist/cli.js,
 * dist/language-server.js) before they require the real bundle.
 */
import * as nodeModule from 'node:module';

export function enableCompileCache(): void {
  const builtin = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof builtin === 'function') builtin();
  else require('v8-compile-cache');
}
