/**
 * `packs/debugInfo` (only with `--debug-info`): which modules the server process has loaded, so
 * tests and the benchmark can prove validation and completion never load the SPARQL engine
 * (dist/sparql.js, Comunica).
 */
import type { DebugInfoResult } from '../../protocol/language-server';
import type { PackState } from '../pack-state';

/** The answer to `packs/debugInfo`. */
export function debugInfo(state: PackState): DebugInfoResult {
  const modules = Object.keys(require.cache);
  return {
    sparqlLoaded: modules.some((m) => /[\\/]sparql\.js$/.test(m) || m.includes('@comunica')),
    modules,
    packs: state.knownPacks(),
  };
}
