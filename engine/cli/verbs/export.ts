import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const exportVerb: VerbDefinition = notBuilt({
  name: "export",
  group: "utility",
  summary: "Bundle a pack as .tar.gz or .zip with checksums",
  args: "<pack>",
  options: [
    { flags: "--output <file>", description: "bundle path" },
    { flags: "--include-dependencies", description: "bundle dependencies too" },
  ],
});
