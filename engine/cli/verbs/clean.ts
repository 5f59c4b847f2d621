import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bytesUnder, removableCacheDir } from '../../index';
import type { VerbDefinition } from '../types';

export const cleanVerb: VerbDefinition = {
  name: 'clean',
  group: 'management',
  summary: 'Remove caches and downloads',
  options: [
    { flags: '--cache', description: 'remove the cache (default)' },
    { flags: '--downloads', description: 'remove downloaded archives' },
    { flags: '--all', description: 'remove both' },
    { flags: '--dry-run', description: 'show what would be removed' },
  ],
  run(ctx, _args, opts) {
    const targets: string[] = [];
    if (opts.all || opts.cache || !opts.downloads) targets.push('cache');
    if (opts.all || opts.downloads) targets.push('downloads');
    const removed = targets.map((t) => {
      // The cache is `$GGEN_HOME/cache` or GGEN_CACHE_DIR (refused when it would hold more than caches).
      const dir = t === 'cache' ? removableCacheDir(ctx.home) : join(ctx.home, t);
      if (!existsSync(dir)) return { name: t, dir, existed: false, bytes: 0 };
      const bytes = bytesUnder(dir);
      if (!opts.dryRun) rmSync(dir, { recursive: true, force: true });
      return { name: t, dir, existed: true, bytes };
    });
    return {
      data: { removed, dryRun: Boolean(opts.dryRun) },
      human: () =>
        removed
          .map((r) =>
            r.existed
              ? `${opts.dryRun ? 'would remove' : 'removed'} ${r.dir} (${(r.bytes / 1024).toFixed(1)} KiB)`
              : `${r.dir}: nothing to remove`,
          )
          .join('\n'),
    };
  },
};
