import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const importVerb: VerbDefinition = notBuilt({
  name: "import",
  group: "utility",
  summary: "Install from a bundle, verifying checksums",
  args: "<file>",
  options: [
    { flags: "--force", description: "replace an installed copy" },
  ],
});
