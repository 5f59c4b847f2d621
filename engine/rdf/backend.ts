/**
 * Lazy access to the SPARQL backend. Comunica is large and slow to start, so it is loaded with a
 * dynamic import the first time a query runs (esbuild points that import at dist/sparql.js), and
 * only once per process. Nothing else in the engine imports './comunica-backend'.
 */
import type { SparqlBackend } from './types';

let backend: Promise<SparqlBackend> | null = null;
let loaded = false;

/** The process-wide backend, loading it on first use. */
export function getSparqlBackend(): Promise<SparqlBackend> {
  if (!backend) {
    backend = import('./comunica-backend').then((m) => {
      loaded = true;
      return m.createComunicaBackend();
    });
  }
  return backend;
}

/** True once the SPARQL engine has been loaded in this process (tests assert it stays false). */
export function isSparqlBackendLoaded(): boolean {
  return loaded;
}
