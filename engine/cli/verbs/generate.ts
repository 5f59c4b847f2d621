import { ValidationError, generateProject } from '../../index';
import { flowContext } from '../flow-context';
import { DATA_OPTION, dataFiles, variableLayers, variableOptions } from '../generation-args';
import { promptVariables } from '../prompt-variables';
import { VERSION_OPTION, optionList, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

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
    if (typeof opts.output !== 'string' || opts.output === '') {
      throw new ValidationError('generate needs --output <dir>', {
        hint: `Run e.g. \`ggen-pack generate ${args[0] ?? '<pack>'} --output my-project\`.`,
      });
    }
    const dryRun = Boolean(opts.dryRun);
    const r = await generateProject(
      {
        pack: requiredArg(args, 0, 'pack'),
        version: versionRange(opts),
        target: opts.output,
        layers: variableLayers(ctx, opts),
        data: dataFiles(ctx, opts),
        templates: optionList(opts.template),
        skipQueries: Boolean(opts.skipQueries),
        withDependencies: opts.dependencies !== false,
        conflicts: opts.overwrite ? 'overwrite' : 'fail',
        dryRun,
        skipHooks: Boolean(opts.skipHooks),
        ...(opts.interactive ? { askVariables: (defs, given) => promptVariables(defs, given, process.stdin, process.stderr) } : {}),
      },
      flowContext(ctx, opts),
    );
    const { plan, applied, output } = r;
    const data = {
      output,
      dryRun,
      files: applied.files,
      packs: plan.packs.map((p) => ({ name: p.name, version: p.version, source: p.source })),
      skippedTemplates: plan.skippedTemplates,
      backupDir: applied.backupDir,
      hooks: r.hooks,
      timings: r.timings,
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
  },
};
