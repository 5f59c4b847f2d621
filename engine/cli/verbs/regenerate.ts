import { resolve } from 'node:path';
import { openStore, regenerate, type RegenAction } from '../../index';
import { variableLayers, variableOptions } from '../generation-args';
import { optionList } from '../pack-args';
import { listPaths } from '../output';
import type { VerbDefinition } from '../types';

const SHOWN: RegenAction[] = ['create', 'update', 'merge', 'conflict', 'keep', 'deleted', 'preserve', 'untracked', 'remove', 'orphan'];

export const regenerateVerb: VerbDefinition = {
  name: 'regenerate',
  group: 'generation',
  summary: 'Re-render a generated project from its packs.lock, keeping hand edits',
  args: '[dir]',
  options: [
    { flags: '--template <alias>', description: 'only this template (repeat)', repeat: true },
    { flags: '--all', description: 'also re-create generated files you deleted' },
    { flags: '--preserve <glob>', description: 'never touch these files (repeat)', repeat: true },
    ...variableOptions('change a variable (repeat)'),
    { flags: '--dry-run', description: 'show the changes' },
  ],
  async run(ctx, args, opts) {
    const r = await regenerate({
      dir: resolve(ctx.cwd, args[0] ?? '.'),
      store: openStore(ctx.home),
      layers: variableLayers(ctx, opts),
      templates: optionList(opts.template),
      all: Boolean(opts.all),
      preserve: optionList(opts.preserve),
      dryRun: Boolean(opts.dryRun),
    });
    for (const c of r.conflicts)
      ctx.log(`conflict: ${c} — your edits and the new version touch the same lines; resolve the markers (<<<<<<< / >>>>>>>)`);
    const failed = r.conflicts.length > 0 && !r.dryRun;
    return {
      data: r,
      exitCode: failed ? 4 : 0,
      ...(failed && {
        error: {
          code: 'generation' as const,
          message: `${r.conflicts.length} file(s) have unresolved conflicts between your edits and the new version: ${listPaths(r.conflicts)}`,
          hint: 'Resolve the <<<<<<< / >>>>>>> markers in those files; everything else was regenerated.',
        },
      }),
      human: () => {
        const lines = r.packs.map((p) => `${p.name} ${p.from === p.to ? p.to : `${p.from} → ${p.to}`}`);
        for (const f of r.files) if (SHOWN.includes(f.action)) lines.push(`  ${f.action.padEnd(9)} ${f.path}`);
        const unchanged = r.files.filter((f) => f.action === 'unchanged').length;
        lines.push(
          `${r.dryRun ? 'Dry run: nothing written' : `Regenerated ${r.dir}`}${unchanged ? ` (${unchanged} file(s) unchanged)` : ''}${r.backupDir ? `; replaced files backed up in ${r.backupDir}` : ''}`,
        );
        return lines.join('\n');
      },
    };
  },
};
