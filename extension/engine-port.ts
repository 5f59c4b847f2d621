/**
 * The one door from the extension host to the engine (ARCHITECTURE.md "Layers"): everything the
 * extension calls comes through here, so the public API (engine/index.ts) is the whole contract. In
 * the bundle this import is a lazy proxy (esbuild.mjs "lazy-engine"): activation does not load the
 * engine; the first property read does.
 */
export * from './engine-entry';
