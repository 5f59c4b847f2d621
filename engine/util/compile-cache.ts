/**
 * Runs a bundle with V8's code cache. Compiling ~1 MB of JavaScript is most of a cold start. The
 * v8-compile-cache package (and Node 22's built-in cache) store what V8 compiled *before* running,
 * which leaves out every function compiled lazily during the run — most of ours. This cache is taken
 * at exit instead, so it holds the functions the command actually used; it is kept per bundle and
 * per verb (`ggen-pack list` and `ggen-pack validate` use different code), in a private folder under
 * `$GGEN_HOME/cache/v8` (never a shared temp folder), and V8 itself rejects a cache that does not match
 * the source.
 * Used by the tiny launchers dist/cli.js and dist/language-server.js, and for dist/sparql.js.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheDir, engineConfig } from '../config';

type NodeModule = InstanceType<typeof Module> & { filename: string; paths: string[] };
type ModuleStatics = { wrap(src: string): string; _nodeModulePaths(dir: string): string[]; _cache: Record<string, unknown> };

/** The private cache folder, or null when it is off or cannot be made safely (then nothing is cached). */
function cacheDir(): string | null {
  const config = engineConfig();
  if (!config.codeCache) return null;
  const uid = process.getuid?.() ?? 0;
  const dir = codeCacheDir(config);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    return st.uid === uid && (st.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Load `file` (a CommonJS bundle) through a code cache keyed by `variant`, registered in
 * require.cache like any module; returns its exports.
 */
export function loadWithCodeCache(file: string, variant: string): unknown {
  const source = readFileSync(file, 'utf8');
  const st = statSync(file);
  const dir = cacheDir();
  const key = createHash('sha1').update(`${file}|${st.size}|${st.mtimeMs}|${process.version}|${variant}`).digest('hex').slice(0, 20);
  const cacheFile = dir ? join(dir, `${key}.bin`) : null;
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    /* first run of this command */
  }
  const statics = Module as unknown as ModuleStatics;
  const script = new Script(statics.wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        /* a cache is an optimisation only */
      }
    });
  }
  const mod = new Module(file) as NodeModule;
  mod.filename = file;
  mod.paths = statics._nodeModulePaths(dirname(file));
  statics._cache[file] = mod;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}
