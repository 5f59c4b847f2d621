import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { ValidationError, composeProject } from '../../index';
import { flowContext } from '../flow-context';
import { COMPOSITION_OPTIONS, compositionOf, resolveConflictsOption } from '../composition-args';
import { variableLayers, variableOptions } from '../generation-args';
import type { CliContext, VerbDefinition, VerbResult } from '../types';
import { planText } from './plan';

/** `ask` on a terminal: which pack's file to keep, or merge. */
async function askOnTerminal(c: { path: string; packs: string[] }): Promise<number | 'merge'> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const choices = c.packs.map((p, i) => `${i + 1}=${p}`).join(', ');
      const a = (await rl.question(`${c.path} is written by ${c.packs.join(' and ')}. Keep [${choices}] or m=merge? `)).trim();
      if (a === 'm') return 'merge';
      const n = Number(a);
      if (Number.isInteger(n) && n >= 1 && n <= c.packs.length) return n - 1;
    }
  } finally {
    rl.close();
  }
}

export const composeVerb: VerbDefinition = {
  name: 'compose',
  group: 'composition',
  summary: 'Compose several packs into one output',
  options: [
    ...COMPOSITION_OPTIONS,
    ...variableOptions(),
    { flags: '--output <dir>', description: 'output directory (required)' },
    resolveConflictsOption(' (also for files already in the output)'),
    { flags: '--dry-run', description: 'plan only' },
    { flags: '--interactive', description: 'ask about each conflict (same as --resolve-conflicts ask)' },
    { flags: '--allow-hooks', description: "run the packs' hooks (trusted packs only)" },
    { flags: '--skip-hooks', description: 'do not run hooks' },
  ],
  async run(ctx, _args, opts) {
    if (typeof opts.output !== 'string' || !opts.output)
      throw new ValidationError('compose needs --output <dir>', {
        hint: 'e.g. `ggen-pack compose --composition-file composition.yaml --output my-app`',
      });
    return composeInto(ctx, opts, resolve(ctx.cwd, opts.output));
  },
};

/** The flow does the work (engine/flows/compose.ts); the verb words it. */
async function composeInto(ctx: CliContext, opts: Record<string, unknown>, output: string): Promise<VerbResult> {
  const { composition, baseDir, mode: given } = compositionOf(ctx, opts);
  const mode = opts.interactive ? 'ask' : given;
  if ((mode ?? composition.mode) === 'ask' && !process.stdin.isTTY && !opts.dryRun) {
    ctx.log('note: conflicts set to "ask" but stdin is not a terminal: an unresolved conflict stops the composition');
  }
  const r = await composeProject(
    {
      composition,
      baseDir,
      target: output,
      layers: variableLayers(ctx, opts),
      mode,
      ask: process.stdin.isTTY ? askOnTerminal : undefined,
      dryRun: Boolean(opts.dryRun),
      skipHooks: Boolean(opts.skipHooks),
    },
    flowContext(ctx, opts),
  );
  const { applied, hooks } = r;
  const { plan, ...report } = r.composition;
  return {
    data: { ...report, output, dryRun: applied.dryRun, files: applied.files, backupDir: applied.backupDir, hooks },
    human: () =>
      opts.dryRun
        ? planText(r.composition)
        : `${plan.packs.map((x) => `${x.name}@${x.version}`).join(' + ')}: ${applied.files.filter((f) => f.action === 'create' || f.action === 'overwrite').length} file(s) written into ${output}` +
          (report.conflicts.length ? `\n${report.conflicts.map((c) => `  ${c.path}: ${c.resolution}`).join('\n')}` : ''),
  };
}
