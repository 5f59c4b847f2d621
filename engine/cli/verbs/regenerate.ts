import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const regenerateVerb: VerbDefinition = notBuilt({
  name: "regenerate",
  group: "generation",
  summary: "Re-render a generated project from its packs.lock, keeping hand edits",
  args: "[dir]",
  options: [
    { flags: "--template <alias>", description: "only this template" },
    { flags: "--all", description: "every pack in the lock" },
    { flags: "--preserve <glob>", description: "never touch these files (repeat)", repeat: true },
    { flags: "--dry-run", description: "show the changes" },
  ],
});
