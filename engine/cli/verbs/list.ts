import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const listVerb: VerbDefinition = notBuilt({
  name: "list",
  group: "discovery",
  summary: "List installed, bundled and registry packs",
  options: [
    { flags: "--source <source>", description: "bundled|local|remote|all (default all)" },
    { flags: "--category <category>", description: "only this category" },
    { flags: "--tag <tag>", description: "only packs with this tag (repeat)", repeat: true },
    { flags: "--installed", description: "only installed packs" },
    { flags: "--available", description: "only packs not installed" },
    { flags: "--sort <key>", description: "name|downloads|rating|updated" },
    { flags: "--limit <n>", description: "at most n packs (default 50)" },
  ],
});
