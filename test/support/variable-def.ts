/** A VariableDef for tests: a string variable, optional, no default, with `extra` on top. */
import type { VariableDef } from '../../engine/manifest/model';

export const variableDef = (name: string, extra: Partial<VariableDef> = {}): VariableDef => ({
  name,
  type: 'string',
  required: false,
  examples: [],
  secret: false,
  index: 0,
  ...extra,
});
