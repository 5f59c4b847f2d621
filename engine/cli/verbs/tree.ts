import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const treeVerb: VerbDefinition = notBuilt({
  name: "tree",
  group: "utility",
  summary: "Dependency tree",
  args: "<pack>",
  options: [
    { flags: "--depth <n>", description: "maximum depth" },
    { flags: "--version <range>", description: "pack version or range" },
  ],
});
