import { notBuilt } from '../not-built';
import type { VerbDefinition } from '../types';

export const publishVerb: VerbDefinition = notBuilt({
  name: "publish",
  group: "publishing",
  summary: "Check and publish a pack to a registry",
  args: "<path>",
  options: [
    { flags: "--registry <url>", description: "registry URL" },
    { flags: "--dry-run", description: "run every pre-check without uploading" },
    { flags: "--force", description: "publish despite warnings" },
    { flags: "--tag <tag>", description: "dist-tag" },
  ],
});
