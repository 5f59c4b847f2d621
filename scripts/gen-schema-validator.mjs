// Compiles schemas/pack.schema.json into a standalone ajv validator (engine/manifest/generated/).
// Why: compiling the schema with ajv at run time costs ~150 ms (plus ~60 ms to load ajv) per process,
// which would blow the 100 ms budget of `validate`; the generated module loads in a few ms.
// Run after editing the schema: `node scripts/gen-schema-validator.mjs`. A unit test fails when the
// committed file is stale (test/unit/manifest/schema-validator-fresh.test.ts).
import { join } from 'node:path';
import { ROOT, standaloneValidatorSource, writeWhenRun } from './standalone-validator.mjs';

export const OUT = join(ROOT, 'engine/manifest/generated/pack-validator.js');

/** The generated source for the current schema. */
export function generateValidatorSource() {
  return standaloneValidatorSource('schemas/pack.schema.json', 'scripts/gen-schema-validator.mjs');
}

writeWhenRun(import.meta.url, OUT, generateValidatorSource);
