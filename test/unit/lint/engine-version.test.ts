// packs/engine-version and packs/invalid-range on the two version keys: min_ggen_version is a range of
// the ggen pack format (GGEN_PACK_FORMAT_VERSION), min_engine_version a range of this engine (ENGINE_VERSION).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintManifest } from '../../../engine/lint';
import { parseManifestText } from '../../../engine/manifest/load';
import { ENGINE_VERSION, GGEN_PACK_FORMAT_VERSION } from '../../../engine/version';

const META = '[metadata]\nname = "x"\nversion = "1.0.0"\ndescription = "a description long enough"\ncategory = "backend"\n';
const versionIssues = (lines: string) =>
  lintManifest(parseManifestText(META + lines, 'toml', '/p/pack.toml'), '/p', { fast: true })
    .filter((i) => i.code === 'packs/engine-version' || i.code === 'packs/invalid-range')
    .map((i) => `${i.code} ${i.range?.start.line}: ${i.message}`);

test('the versions the rule checks against', () => {
  assert.equal(GGEN_PACK_FORMAT_VERSION, '3.3.0');
  assert.equal(ENGINE_VERSION, '0.1.0');
});

test("min_ggen_version is checked against the ggen pack format: the design's >=3.0.0 holds", () => {
  assert.deepEqual(versionIssues('min_ggen_version = ">=3.0.0"\n'), []);
  assert.deepEqual(versionIssues('min_ggen_version = "3.3.0"\n'), [], 'a bare version means at least');
  assert.deepEqual(versionIssues('min_ggen_version = ">=4.0.0"\n'), [
    'packs/engine-version 6: This pack needs ggen pack format >=4.0.0; this engine implements 3.3.0. Update ggen-pack, or relax min_ggen_version',
  ]);
});

test('min_engine_version is checked against the engine version', () => {
  assert.deepEqual(versionIssues('min_engine_version = ">=0.1.0"\n'), []);
  assert.deepEqual(versionIssues('min_engine_version = ">=3.0.0"\n'), [
    'packs/engine-version 6: This pack needs engine >=3.0.0; this engine is 0.1.0. Update ggen-pack, or relax min_engine_version',
  ]);
});

test('both keys may be present; each is reported on its own', () => {
  assert.deepEqual(versionIssues('min_ggen_version = ">=3.0.0"\nmin_engine_version = ">=0.1.0"\n'), []);
  assert.deepEqual(versionIssues('min_ggen_version = ">=9.0.0"\nmin_engine_version = ">=9.0.0"\n'), [
    'packs/engine-version 6: This pack needs ggen pack format >=9.0.0; this engine implements 3.3.0. Update ggen-pack, or relax min_ggen_version',
    'packs/engine-version 7: This pack needs engine >=9.0.0; this engine is 0.1.0. Update ggen-pack, or relax min_engine_version',
  ]);
});

test('an invalid range names the key and what it is a range of', () => {
  assert.deepEqual(versionIssues('min_ggen_version = "three"\nmin_engine_version = "zero"\n'), [
    'packs/invalid-range 6: Invalid semver range "three" in metadata.min_ggen_version, the ggen pack format version this pack needs (e.g. `>=3.0.0`)',
    'packs/invalid-range 7: Invalid semver range "zero" in metadata.min_engine_version, the engine version this pack needs (e.g. `>=0.1.0`)',
  ]);
});
