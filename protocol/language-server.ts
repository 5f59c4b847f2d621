/**
 * Custom requests of the Packs language server (methods `packs/*`), declared once with their
 * params and results. The extension and the server tests send them; the server answers.
 */

/**
 * `packs/debugInfo` — sent by tests and the benchmark (server started with `--debug-info`) to prove
 * which heavy modules the server has loaded; the SPARQL engine must not be loaded by validation or
 * completion.
 */
export const DEBUG_INFO_METHOD = 'packs/debugInfo';

export interface DebugInfoResult {
  /** True once dist/sparql.js (Comunica) has been required by the server process. */
  sparqlLoaded: boolean;
  /** Absolute paths of every CommonJS module the server process has loaded. */
  modules: string[];
  /** Pack roots the server has parsed. */
  packs: string[];
}
