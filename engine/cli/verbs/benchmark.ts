import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const benchmarkVerb: VerbDefinition = notBuilt({
  name: "benchmark",
  group: "scoring",
  summary: "Time resolve / query / render / write per template",
  args: "<pack>",
  options: [
    { flags: "--iterations <n>", description: "runs (default 10)" },
  ],
});
