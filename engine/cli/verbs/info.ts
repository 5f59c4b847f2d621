import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const infoVerb: VerbDefinition = notBuilt({
  name: "info",
  group: "discovery",
  summary: "One-screen summary of a pack",
  args: "<pack>",
  options: [
    { flags: "--version <range>", description: "pack version or range" },
  ],
});
