import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const validateVerb: VerbDefinition = notBuilt({
  name: "validate",
  group: "validation",
  summary: "Validate a pack: syntax, structure, semantics; validation score",
  args: "<pack>",
  options: [
    { flags: "--with <pack>", description: "check compatibility with another pack (repeat)", repeat: true },
    { flags: "--strict", description: "warnings fail too" },
    { flags: "--version <range>", description: "pack version or range" },
  ],
});
