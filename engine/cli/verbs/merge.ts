import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { mergeTrees, type MergeStrategy, ValidationError } from '../../index';
import { optionList, requiredArg } from '../pack-args';
import { listPaths } from '../output';
import type { VerbDefinition } from '../types';

const STRATEGIES: MergeStrategy[] = ['overwrite', 'skip', 'ask', 'smart'];

export const mergeVerb: VerbDefinition = {
  name: 'merge',
  group: 'composition',
  summary: 'Merge two generated trees',
  args: '<src> <dst>',
  options: [
    { flags: '--strategy <s>', description: 'overwrite|skip|ask|smart (default smart: structural merge, else conflict markers)' },
    { flags: '--preserve <glob>', description: 'keep these (repeat)', repeat: true },
    { flags: '--dry-run', description: 'show the changes' },
  ],
  async run(ctx, args, opts) {
    const strategy = (opts.strategy ?? 'smart') as MergeStrategy;
    if (!STRATEGIES.includes(strategy)) throw new ValidationError(`--strategy must be one of ${STRATEGIES.join(', ')} (got "${strategy}")`);
    if (strategy === 'ask' && !process.stdin.isTTY)
      throw new ValidationError('--strategy ask needs a terminal', { hint: 'Use overwrite, skip or smart in scripts.' });
    const ask = async (path: string) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        for (;;) {
          const a = (await rl.question(`${path} differs. Take s=source, d=destination, m=merge? `)).trim();
          if (a === 's') return 'src' as const;
          if (a === 'd') return 'dst' as const;
          if (a === 'm') return 'merge' as const;
        }
      } finally {
        rl.close();
      }
    };
    const r = await mergeTrees(resolve(ctx.cwd, requiredArg(args, 0, 'src')), resolve(ctx.cwd, requiredArg(args, 1, 'dst')), {
      strategy,
      preserve: optionList(opts.preserve),
      dryRun: Boolean(opts.dryRun),
      ask,
    });
    for (const w of r.warnings) ctx.log(`warning: ${w}`);
    const conflicts = r.files.filter((f) => f.action === 'conflict');
    for (const c of conflicts) ctx.log(`conflict: ${c.path} — no structural merge for this file type; both versions kept between markers`);
    const failed = conflicts.length > 0 && !opts.dryRun;
    return {
      data: { ...r, dryRun: Boolean(opts.dryRun) },
      exitCode: failed ? 4 : 0,
      ...(failed && {
        error: {
          code: 'generation' as const,
          message: `${conflicts.length} file(s) could not be merged and hold both versions between conflict markers: ${listPaths(conflicts.map((c) => c.path))}`,
          hint: 'Resolve the <<<<<<< / >>>>>>> markers in those files, or rerun with --strategy overwrite or skip.',
        },
      }),
      human: () =>
        r.files
          .filter((f) => f.action !== 'same')
          .map((f) => `  ${f.action.padEnd(9)} ${f.path}`)
          .join('\n') || 'Nothing to merge: the trees agree.',
    };
  },
};
