import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const planVerb: VerbDefinition = notBuilt({
  name: "plan",
  group: "composition",
  summary: "Show the composition plan without writing",
  options: [
    { flags: "--packs <list>", description: "a,b,c" },
    { flags: "--composition-file <file>", description: "composition file" },
  ],
});
