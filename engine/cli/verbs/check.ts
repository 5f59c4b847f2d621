import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const checkVerb: VerbDefinition = notBuilt({
  name: "check",
  group: "validation",
  summary: "Fast subset of validate (syntax and structure)",
  args: "<pack>",
  options: [
    { flags: "--strict", description: "warnings fail too" },
  ],
});
