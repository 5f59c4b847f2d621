/** packs/invalid-type: values of the wrong type (from the JSON-schema check, engine/manifest/schema-check.ts). */
import { schemaRule } from './schema-rule';

export const rule = schemaRule({
  id: 'invalid-type',
  severity: 'error',
  category: 'metadata',
  description: 'Values of the wrong type (string where an integer belongs, …)',
  fixable: false,
});
