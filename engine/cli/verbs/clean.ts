import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const cleanVerb: VerbDefinition = notBuilt({
  name: "clean",
  group: "management",
  summary: "Remove caches and downloads",
  options: [
    { flags: "--cache", description: "remove the cache (default)" },
    { flags: "--downloads", description: "remove downloaded archives" },
    { flags: "--all", description: "remove both" },
  ],
});
