import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const showVerb: VerbDefinition = notBuilt({
  name: "show",
  group: "discovery",
  summary: "Everything about a pack",
  args: "<pack>",
  options: [
    { flags: "--version <range>", description: "pack version or range" },
    { flags: "--show-templates", description: "list templates" },
    { flags: "--show-queries", description: "list queries" },
    { flags: "--show-dependencies", description: "list dependencies" },
    { flags: "--show-variables", description: "list variables" },
    { flags: "--show-examples", description: "list examples" },
  ],
});
