/** packs/missing-field: required fields that are absent (from the JSON-schema check, engine/manifest/schema-check.ts). */
import { schemaRule } from './schema-rule';

export const rule = schemaRule({
  id: 'missing-field',
  severity: 'error',
  category: 'metadata',
  description: 'Required fields that are absent (all reported at once)',
  fixable: false,
});
