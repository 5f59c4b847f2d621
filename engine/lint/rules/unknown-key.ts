/** packs/unknown-key: keys the schema does not define (from the JSON-schema check, engine/manifest/schema-check.ts). */
import { schemaRule } from './schema-rule';

export const rule = schemaRule({
  id: 'unknown-key',
  severity: 'error',
  category: 'metadata',
  description: 'Keys the manifest schema does not define (typos get a rename fix)',
  fixable: true,
});
