import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const lintVerb: VerbDefinition = notBuilt({
  name: "lint",
  group: "validation",
  summary: "Rule-based issues with ids, severities, locations and fixes",
  args: "<path>",
  options: [
    { flags: "--fix", description: "apply the safe fixes" },
    { flags: "--strict", description: "warnings fail too" },
  ],
});
