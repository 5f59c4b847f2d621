// Compiles schemas/composition.schema.json into a standalone ajv validator
// (engine/compose/generated/composition-validator.js), the way scripts/gen-schema-validator.mjs does
// for pack.schema.json: the CLI bundle then carries a few KB of generated code instead of ajv itself.
// Run after editing the schema: `node scripts/gen-composition-validator.mjs`. A unit test fails when
// the committed file is stale (test/unit/compose/composition-schema.test.ts).
import { join } from 'node:path';
import { ROOT, standaloneValidatorSource, writeWhenRun } from './standalone-validator.mjs';

export const OUT = join(ROOT, 'engine/compose/generated/composition-validator.js');

/** The generated source for the current schema. */
export function generateCompositionValidatorSource() {
  return standaloneValidatorSource('schemas/composition.schema.json', 'scripts/gen-composition-validator.mjs');
}

writeWhenRun(import.meta.url, OUT, generateCompositionValidatorSource);
