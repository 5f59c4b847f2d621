import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const scoreVerb: VerbDefinition = notBuilt({
  name: "score",
  group: "scoring",
  summary: "Maturity score with per-dimension advice",
  args: "<pack>",
  options: [
    { flags: "--version <range>", description: "pack version or range" },
  ],
});
