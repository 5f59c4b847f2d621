import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const updateVerb: VerbDefinition = notBuilt({
  name: "update",
  group: "management",
  summary: "Update packs to the newest version within their range",
  args: "[pack]",
  options: [
    { flags: "--latest", description: "cross major versions" },
    { flags: "--check", description: "only report" },
    { flags: "--dry-run", description: "show what would change" },
  ],
});
