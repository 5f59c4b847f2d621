import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const generateVerb: VerbDefinition = notBuilt({
  name: "generate",
  group: "generation",
  summary: "Generate a project from a pack",
  args: "<pack>",
  options: [
    { flags: "--output <dir>", description: "output directory (required)" },
    { flags: "--var <k=v>", description: "variable value (repeat)", repeat: true },
    { flags: "--vars-file <file>", description: "YAML, JSON or TOML file of variables" },
    { flags: "--data <file>", description: "extra RDF data file (repeat)", repeat: true },
    { flags: "--version <range>", description: "pack version or range" },
    { flags: "--dry-run", description: "list the files without writing" },
    { flags: "--overwrite", description: "replace existing files (backed up)" },
    { flags: "--interactive", description: "prompt for missing variables" },
    { flags: "--template <alias>", description: "only this template (repeat)", repeat: true },
    { flags: "--skip-hooks", description: "do not run hooks" },
    { flags: "--skip-queries", description: "do not run SPARQL queries" },
    { flags: "--no-dependencies", description: "render the pack alone, not its dependencies" },
    { flags: "--allow-hooks", description: "run the pack's hooks (trusted packs only)" },
  ],
});
