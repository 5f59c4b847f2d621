import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const mergeVerb: VerbDefinition = notBuilt({
  name: "merge",
  group: "composition",
  summary: "Merge two generated trees",
  args: "<src> <dst>",
  options: [
    { flags: "--strategy <s>", description: "overwrite|skip|ask|smart" },
    { flags: "--preserve <glob>", description: "keep these (repeat)", repeat: true },
    { flags: "--dry-run", description: "show the changes" },
  ],
});
