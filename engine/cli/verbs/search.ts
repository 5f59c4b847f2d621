import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const searchVerb: VerbDefinition = notBuilt({
  name: "search",
  group: "discovery",
  summary: "Ranked full-text search over pack names, titles, descriptions, tags and templates",
  args: "<query>",
  options: [
    { flags: "--category <category>", description: "only this category" },
    { flags: "--min-rating <n>", description: "only packs rated at least n" },
    { flags: "--limit <n>", description: "at most n hits (default 20)" },
    { flags: "--source <source>", description: "bundled|local|remote|all" },
  ],
});
