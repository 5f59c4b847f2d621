import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const initVerb: VerbDefinition = notBuilt({
  name: "init",
  group: "publishing",
  summary: "Write pack.toml for an existing folder, inferring templates",
  args: "[dir]",
  options: [
    { flags: "--name <name>", description: "pack name" },
    { flags: "--category <category>", description: "pack category" },
    { flags: "--force", description: "replace an existing manifest" },
  ],
});
