import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const installVerb: VerbDefinition = notBuilt({
  name: "install",
  group: "management",
  summary: "Install a pack and its dependencies into the local registry",
  args: "<pack>",
  options: [
    { flags: "--version <range>", description: "version range" },
    { flags: "--source <source>", description: "bundled|local|remote|all" },
    { flags: "--force", description: "reinstall even if installed" },
    { flags: "--no-dependencies", description: "do not install dependencies" },
    { flags: "--dry-run", description: "show what would be installed" },
  ],
});
