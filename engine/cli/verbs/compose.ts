import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { planComposition } from '../../compose';
import { resolveExisting } from '../../compose/existing';
import { withProjectLock } from '../../apply/project-lock';
import { recoverProject } from '../../apply/recover';
import { ValidationError } from '../../errors';
import { applyPlan } from '../../generate';
import { openStore } from '../../registry/store';
import { COMPOSITION_OPTIONS, compositionOf, resolveConflictsOption } from '../composition-args';
import { applyWithHooks } from '../generation-hooks';
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
    const output = resolve(ctx.cwd, opts.output);
    return withProjectLock(output, () => composeInto(ctx, opts, output), { dryRun: Boolean(opts.dryRun), log: ctx.log });
  },
};

/** Plan the composition, resolve existing files, hooks, apply: under the project lock. */
async function composeInto(ctx: CliContext, opts: Record<string, unknown>, output: string): Promise<VerbResult> {
  if (recoverProject(output).rolledBack) ctx.log('note: an interrupted earlier run in this directory was rolled back first');
  const { composition, baseDir, mode: given } = compositionOf(ctx, opts);
  const mode = opts.interactive ? 'ask' : given;
  const effective = mode ?? composition.mode;
  if (effective === 'ask' && !process.stdin.isTTY && !opts.dryRun) {
    ctx.log('note: conflicts set to "ask" but stdin is not a terminal: an unresolved conflict stops the composition');
  }
  const store = openStore(ctx.home);
  const p = await planComposition(
    {
      store,
      composition,
      layers: variableLayers(ctx, opts),
      mode,
      baseDir,
      output,
      ask: process.stdin.isTTY ? askOnTerminal : undefined,
    },
    Boolean(opts.dryRun),
  );
  const existing = resolveExisting(p.plan, output, effective);
  for (const n of existing.notes) ctx.log(n);
  for (const c of p.conflicts) if (c.warning) ctx.log(`warning: ${c.warning}`);
  const { applied, hooks } = await applyWithHooks(ctx, opts, existing.plan, output, () =>
    applyPlan(existing.plan, { output, overwrite: existing.overwrite, dryRun: Boolean(opts.dryRun) }),
  );
  const { plan, ...report } = p;
  return {
    data: { ...report, output, dryRun: applied.dryRun, files: applied.files, backupDir: applied.backupDir, hooks },
    human: () =>
      opts.dryRun
        ? planText(p)
        : `${plan.packs.map((x) => `${x.name}@${x.version}`).join(' + ')}: ${applied.files.filter((f) => f.action === 'create' || f.action === 'overwrite').length} file(s) written into ${output}` +
          (p.conflicts.length ? `\n${p.conflicts.map((c) => `  ${c.path}: ${c.resolution}`).join('\n')}` : ''),
  };
}
