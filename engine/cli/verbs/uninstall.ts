import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const uninstallVerb: VerbDefinition = notBuilt({
  name: "uninstall",
  group: "management",
  summary: "Remove an installed pack",
  args: "<pack>",
  options: [
    { flags: "--keep-dependencies", description: "keep packs installed only as its dependencies" },
    { flags: "--force", description: "remove even if other packs depend on it" },
    { flags: "--purge", description: "also remove cached downloads" },
  ],
});
