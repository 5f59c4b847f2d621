import { resolve } from 'node:path';
import { valid as semverValid } from 'semver';
import { withProjectLock } from '../../apply/project-lock';
import { recoverProject } from '../../apply/recover';
import { ValidationError } from '../../errors';
import { loadManifest } from '../../manifest/load';
import { applyWithHooks } from '../generation-hooks';
import { applyPlan, planGeneration } from '../../generate';
import { installPack, refreshStore } from '../../registry/install';
import { isPathArg, resolvePackArg } from '../../registry/resolve-arg';
import { openStore, packFinder } from '../../registry/store';
import { DATA_OPTION, dataFiles, packsToRender, variableLayers, variableOptions } from '../generation-args';
import { promptVariables } from '../prompt-variables';
import { VERSION_OPTION, optionList, requiredArg, versionRange } from '../pack-args';
import type { CliContext, VerbDefinition, VerbResult } from '../types';

const ms = (t0: bigint) => Math.round((Number(process.hrtime.bigint() - t0) / 1e6) * 10) / 10;

export const generateVerb: VerbDefinition = {
  name: 'generate',
  group: 'generation',
  summary: 'Generate a project from a pack',
  args: '<pack>',
  options: [
    { flags: '--output <dir>', description: 'output directory (required)' },
    ...variableOptions(),
    DATA_OPTION,
    VERSION_OPTION,
    { flags: '--dry-run', description: 'list the files without writing' },
    { flags: '--overwrite', description: 'replace existing files (backed up)' },
    { flags: '--interactive', description: 'ask for every variable not given with --var / --vars-file' },
    { flags: '--template <alias>', description: 'only this template (repeat)', repeat: true },
    { flags: '--skip-hooks', description: 'do not run hooks' },
    { flags: '--skip-queries', description: 'do not run SPARQL queries' },
    { flags: '--no-dependencies', description: 'render the pack alone, not its dependencies' },
    { flags: '--allow-hooks', description: "run the pack's hooks (trusted packs only)" },
  ],
  async run(ctx, args, opts) {
    const t0 = process.hrtime.bigint();
    if (typeof opts.output !== 'string' || opts.output === '') {
      throw new ValidationError('generate needs --output <dir>', {
        hint: `Run e.g. \`ggen-pack generate ${args[0] ?? '<pack>'} --output my-project\`.`,
      });
    }
    const output = resolve(ctx.cwd, opts.output);
    const dryRun = Boolean(opts.dryRun);
    // One writer per project, from the recovery to the last write (engine/apply/project-lock.ts).
    return withProjectLock(output, () => generateInto(ctx, args, opts, output, t0), { dryRun, log: ctx.log });
  },
};

/** Install if needed, resolve, plan, hooks, apply: under the project lock. */
async function generateInto(
  ctx: CliContext,
  args: string[],
  opts: Record<string, unknown>,
  output: string,
  t0: bigint,
): Promise<VerbResult> {
  const dryRun = Boolean(opts.dryRun);
  const layers = variableLayers(ctx, opts);
  if (recoverProject(output).rolledBack) ctx.log('note: an interrupted earlier run in this directory was rolled back first');

  const store = openStore(ctx.home);
  const arg = requiredArg(args, 0, 'pack');
  let root = resolvePackArg(store, ctx.cwd, arg, versionRange(opts));
  if (!semverValid(root.version)) {
    // A pack in development: say what is wrong with it (positioned, as validate does) rather than failing in the resolver.
    // The lint rules load only on this failure path (generate's start-up never pays for them).
    const { manifestErrors } = require('../../lint') as typeof import('../../lint');
    const issues = manifestErrors(loadManifest(root.dir), root.dir);
    const [first] = issues;
    const at = first?.range ? `${first.file ?? root.dir}:${first.range.start.line}:${first.range.start.column}: ` : '';
    throw new ValidationError(first ? `${at}${first.message}` : `${root.dir}: metadata.version "${root.version}" is not a semver version`, {
      issues,
      hint: `Fix the manifest (\`ggen-pack validate ${arg}\` lists every problem) and run again; nothing was written.`,
    });
  }
  if (!isPathArg(arg, ctx.cwd) && root.source !== 'local' && !dryRun) {
    ctx.log(`${root.name}@${root.version} is not installed; installing it from the ${root.source} source first`);
    await installPack(store, `${root.name}@${root.version}`, undefined, { cwd: ctx.cwd, log: ctx.log });
    refreshStore(store);
    root = resolvePackArg(store, ctx.cwd, `${root.name}@${root.version}`);
  }
  const graph = packsToRender(ctx, store, root, opts);
  if (opts.interactive) {
    // Asked in render order: the root pack's own variables last, like its templates.
    const defs = graph.packs.flatMap((p) => p.manifest.variables);
    const given = new Set(layers.flatMap((l) => Object.keys(l.values)));
    layers.push(await promptVariables(defs, given, process.stdin, process.stderr));
  }
  const resolveMs = ms(t0);

  const plan = await planGeneration({
    packs: graph.packs,
    layers,
    data: dataFiles(ctx, opts),
    templates: optionList(opts.template),
    skipQueries: Boolean(opts.skipQueries),
    output,
    findPack: packFinder(store),
  });
  const { applied, hooks } = await applyWithHooks(ctx, opts, plan, output, () =>
    applyPlan(plan, { output, overwrite: Boolean(opts.overwrite), dryRun }),
  );

  const timings = {
    resolve: Math.round((resolveMs + plan.timings.resolve) * 10) / 10,
    query: Math.round(plan.timings.query * 10) / 10,
    render: Math.round(plan.timings.render * 10) / 10,
    write: Math.round(applied.write * 10) / 10,
    total: ms(t0),
  };
  const data = {
    output,
    dryRun,
    files: applied.files,
    packs: plan.packs.map((p) => ({ name: p.name, version: p.version, source: p.source })),
    skippedTemplates: plan.skippedTemplates,
    backupDir: applied.backupDir,
    hooks,
    timings,
  };
  return {
    data,
    issues: plan.issues,
    human: () => {
      const lines: string[] = [];
      for (const p of plan.packs) {
        const mine = applied.files.filter((f) => f.pack === p.name);
        const count = (a: string) => mine.filter((f) => f.action === a).length;
        const parts = [
          `${count('create') + count('overwrite')} ${dryRun ? 'to write' : 'written'}`,
          count('overwrite') ? `${count('overwrite')} replaced` : '',
          count('unchanged') ? `${count('unchanged')} unchanged` : '',
          count('skip') ? `${count('skip')} skipped (skip_if_exists)` : '',
        ].filter(Boolean);
        lines.push(`${p.name}@${p.version}: ${parts.join(', ')}`);
        if (dryRun || ctx.verbose) {
          for (const f of mine) lines.push(`  ${f.action.padEnd(9)} ${f.path} (${f.bytes} B, ${f.template})`);
        }
      }
      for (const s of plan.skippedTemplates) lines.push(`  template ${s.pack}:${s.template} skipped: ${s.reason}`);
      lines.push(
        dryRun
          ? `Dry run: nothing written to ${output}`
          : `Generated into ${output}${applied.backupDir ? ` (replaced files backed up in ${applied.backupDir})` : ''}`,
      );
      return lines.join('\n');
    },
  };
}
