/**
 * The one importer of the engine in the extension host (ARCHITECTURE.md "Layers"): everything the
 * extension calls comes through here, so the public API (engine/index.ts) is the whole contract.
 */
export * from '../engine/index';
