// The public engine API (engine/index.ts) exposes what the front ends use, and loading it does not
// pull in the SPARQL engine or the archive libraries (the extension activates through it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as engine from '../../engine';
import { isSparqlBackendLoaded } from '../../engine/rdf/backend';

test('engine/index.ts exports the front-end API without loading the SPARQL engine', () => {
  for (const name of [
    'openStore',
    'resolvePackArg',
    'resolveGraph',
    'installPack',
    'searchPacks',
    'planGeneration',
    'applyPlan',
    'lintManifest',
    'validatePack',
    'scorePack',
    'parseManifestText',
    'scaffoldPack',
    'runPublishChecks',
  ]) {
    assert.equal(typeof (engine as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(engine.exitCodeOf(new engine.NotFoundError('x')), 7);
  assert.equal(isSparqlBackendLoaded(), false);
  // Nor tar and fflate: every CLI verb loads this whole barrel, and only export / import read or write bundles.
  const archiveLibs = Object.keys(require.cache).filter((f) => /[\\/]node_modules[\\/](tar|fflate)[\\/]/.test(f));
  assert.deepEqual(archiveLibs, []);
});
