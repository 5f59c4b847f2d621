import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const diffVerb: VerbDefinition = notBuilt({
  name: "diff",
  group: "utility",
  summary: "Manifest, variable and template changes between versions",
  args: "<pack> <v1> <v2>",
  options: [

  ],
});
