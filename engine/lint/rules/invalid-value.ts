/** packs/invalid-value: values outside an enum, pattern or bound (from the JSON-schema check, engine/manifest/schema-check.ts). */
import { schemaRule } from './schema-rule';

export const rule = schemaRule({
  id: 'invalid-value',
  severity: 'error',
  category: 'metadata',
  description: 'Values outside an enum, pattern or bound of the schema',
  fixable: true,
});
