import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const composeVerb: VerbDefinition = notBuilt({
  name: "compose",
  group: "composition",
  summary: "Compose several packs into one output",
  options: [
    { flags: "--packs <list>", description: "a,b,c" },
    { flags: "--composition-file <file>", description: "composition.yaml or .toml" },
    { flags: "--vars-file <file>", description: "variables file" },
    { flags: "--output <dir>", description: "output directory" },
    { flags: "--resolve-conflicts <mode>", description: "ask|overwrite|skip|merge|fail" },
    { flags: "--dry-run", description: "plan only" },
    { flags: "--interactive", description: "prompt" },
  ],
});
