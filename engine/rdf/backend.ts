/**
 * Lazy access to the SPARQL runtime. Comunica (and n3, which only queries need) is large and slow
 * to start, so it is loaded lazily the first time a query runs (esbuild points that require at
 * dist/sparql.js), and only once per process. Nothing else in the engine imports
 * './comunica-backend' at run time.
 */
import type { SparqlBackend } from './types';

export type SparqlRuntime = typeof import('./comunica-backend');

let runtime: Promise<{ rt: SparqlRuntime; backend: SparqlBackend }> | null = null;
let loaded = false;

/** The process-wide runtime and backend, loading them on first use. */
export function getSparqlRuntime(): Promise<{ rt: SparqlRuntime; backend: SparqlBackend }> {
  if (!runtime) {
    runtime = Promise.resolve().then(() => {
      // A lazy require rather than import(): the bundles run through vm.Script (engine/util/compile-cache.ts),
      // which has no dynamic-import callback, so import() would throw there. esbuild's lazy-sparql plugin
      // points this require at the sibling dist/sparql.js.
      const rt = require('./comunica-backend') as SparqlRuntime;
      loaded = true;
      return { rt, backend: rt.createComunicaBackend() };
    });
  }
  return runtime;
}

/** The process-wide backend. */
export async function getSparqlBackend(): Promise<SparqlBackend> {
  return (await getSparqlRuntime()).backend;
}

/** True once the SPARQL engine has been loaded in this process (tests assert it stays false). */
export function isSparqlBackendLoaded(): boolean {
  return loaded;
}
