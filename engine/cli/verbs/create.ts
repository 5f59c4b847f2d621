import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const createVerb: VerbDefinition = notBuilt({
  name: "create",
  group: "publishing",
  summary: "Scaffold a new pack",
  options: [
    { flags: "--name <name>", description: "pack name (kebab-case)" },
    { flags: "--category <category>", description: "pack category" },
    { flags: "--template <kind>", description: "starting template: basic|rdf" },
    { flags: "--output <dir>", description: "parent directory (default .)" },
  ],
});
