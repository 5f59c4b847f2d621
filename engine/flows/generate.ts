/**
 * The generate flow behind every front end: recover an interrupted run, resolve the pack (installing
 * it first when it comes from the catalog), plan in memory, settle files already in the target by the
 * conflict mode, then hooks and the atomic apply — all under the project lock. `previewGeneration`
 * stops after the plan and returns every write it would make (files, packs.lock, baselines) so an
 * editor can show and apply them itself.
 */
import { resolve } from 'node:path';
import { valid as semverValid } from 'semver';
import { withProjectLock } from '../apply/project-lock';
import { recoverProject } from '../apply/recover';
import type { ConflictMode } from '../compose/composition-file';
import { resolveExisting } from '../compose/existing';
import { ValidationError } from '../errors';
import { planGeneration, type GenerationPlan, type VariableLayer } from '../generate';
import type { HookSession } from '../hooks';
import { loadManifest } from '../manifest/load';
import type { VariableDef } from '../manifest/model';
import { installPack, refreshStore } from '../registry/install';
import { isPathArg, resolvePackArg } from '../registry/resolve-arg';
import { openStore, packFinder, type RegistryStore } from '../registry/store';
import type { LoadedPack } from '../registry/types';
import { resolveGraph, type ResolvedGraph } from '../resolve';
import type { ApplyResult } from '../generate';
import { throwIfCancelled, type FlowContext } from './context';
import { previewWrites, type PreviewResult } from './preview';
import { applyWithHooks } from './with-hooks';

/** How files already in the target that the run would change are settled (SPEC §4). */
export type GenerateConflictMode = Exclude<ConflictMode, 'ask'>;

export interface GenerateRequest {
  /** `name`, `name@range` or a pack folder (absolute, or relative to the context's cwd). */
  pack: string;
  /** A version range for a pack given by name (`--version`). */
  version?: string | undefined;
  /** The output folder (absolute, or relative to cwd). */
  target: string;
  /** Variable values, highest precedence first (pack defaults come last). */
  layers: VariableLayer[];
  /** Extra RDF files (absolute). */
  data?: string[];
  /** Only these template aliases. */
  templates?: string[];
  skipQueries?: boolean;
  /** Render the pack's dependencies too (default true). */
  withDependencies?: boolean;
  /** fail (default): refuse to change an existing file; overwrite (backed up); skip; merge. */
  conflicts?: GenerateConflictMode;
  dryRun?: boolean;
  skipHooks?: boolean;
  /** Asked for the variables no layer sets (the CLI's --interactive); returns one more layer. */
  askVariables?: (defs: VariableDef[], given: Set<string>) => Promise<VariableLayer>;
}

export interface GenerateOutcome {
  output: string;
  dryRun: boolean;
  plan: GenerationPlan;
  applied: ApplyResult;
  hooks: HookSession;
  /** What happened to files already in the target (kept, merged). */
  notes: string[];
  timings: { resolve: number; query: number; render: number; write: number; total: number };
}

const ms = (t0: bigint) => Math.round((Number(process.hrtime.bigint() - t0) / 1e6) * 10) / 10;
const round = (n: number) => Math.round(n * 10) / 10;

/** Generate `req.pack` into `req.target`: one writer per project (the project lock), nothing written on failure. */
export async function generateProject(req: GenerateRequest, ctx: FlowContext): Promise<GenerateOutcome> {
  const output = resolve(ctx.cwd, req.target);
  const dryRun = Boolean(req.dryRun);
  return withProjectLock(output, () => generateLocked(req, ctx, output, dryRun), { dryRun, log: ctx.log });
}

/** The plan of a generation and every write it would make, with nothing written (an editor's preview). */
export async function previewGeneration(req: GenerateRequest, ctx: FlowContext): Promise<PreviewResult & { notes: string[] }> {
  const output = resolve(ctx.cwd, req.target);
  const { plan, notes, overwrite } = await prepare(req, ctx, output, true);
  throwIfCancelled(ctx.signal);
  return { ...previewWrites(plan, output, overwrite), notes };
}

async function generateLocked(req: GenerateRequest, ctx: FlowContext, output: string, dryRun: boolean): Promise<GenerateOutcome> {
  const t0 = process.hrtime.bigint();
  const { plan, notes, overwrite, resolveMs } = await prepare(req, ctx, output, dryRun);
  throwIfCancelled(ctx.signal);
  const { applied, hooks } = await applyWithHooks(ctx, { dryRun, skipHooks: Boolean(req.skipHooks), overwrite }, plan, output);
  return {
    output,
    dryRun,
    plan,
    applied,
    hooks,
    notes,
    timings: {
      resolve: round(resolveMs + plan.timings.resolve),
      query: round(plan.timings.query),
      render: round(plan.timings.render),
      write: round(applied.write),
      total: ms(t0),
    },
  };
}

/** Recover, resolve (installing a catalog pack unless dry), plan, settle existing files. */
async function prepare(req: GenerateRequest, ctx: FlowContext, output: string, dryRun: boolean) {
  const t0 = process.hrtime.bigint();
  if (recoverProject(output).rolledBack) ctx.log('note: an interrupted earlier run in this directory was rolled back first');
  const store = openStore(ctx.home);
  const root = await resolveRoot(store, req, ctx, dryRun);
  throwIfCancelled(ctx.signal);
  const graph: ResolvedGraph = req.withDependencies === false ? { packs: [root], warnings: [] } : resolveGraph(store, root);
  for (const w of graph.warnings) ctx.log(`warning: ${w}`);
  const layers = [...req.layers];
  if (req.askVariables) {
    // Asked in render order: the root pack's own variables last, like its templates.
    const given = new Set(layers.flatMap((l) => Object.keys(l.values)));
    layers.push(
      await req.askVariables(
        graph.packs.flatMap((p) => p.manifest.variables),
        given,
      ),
    );
  }
  const resolveMs = ms(t0);
  const planned = await planGeneration({
    packs: graph.packs,
    layers,
    data: req.data ?? [],
    templates: req.templates ?? [],
    skipQueries: Boolean(req.skipQueries),
    output,
    findPack: packFinder(store),
  });
  const existing = resolveExisting(planned, output, req.conflicts ?? 'fail');
  for (const n of existing.notes) ctx.log(n);
  return { plan: existing.plan, overwrite: existing.overwrite, notes: existing.notes, resolveMs };
}

async function resolveRoot(store: RegistryStore, req: GenerateRequest, ctx: FlowContext, dryRun: boolean): Promise<LoadedPack> {
  let root = resolvePackArg(store, ctx.cwd, req.pack, req.version);
  if (!semverValid(root.version)) {
    // A pack in development: say what is wrong with it (positioned, as validate does) rather than failing in the resolver.
    // The lint rules load only on this failure path (generate's start-up never pays for them).
    const { manifestErrors } = require('../lint') as typeof import('../lint');
    const issues = manifestErrors(loadManifest(root.dir), root.dir);
    const [first] = issues;
    const at = first?.range ? `${first.file ?? root.dir}:${first.range.start.line}:${first.range.start.column}: ` : '';
    throw new ValidationError(first ? `${at}${first.message}` : `${root.dir}: metadata.version "${root.version}" is not a semver version`, {
      issues,
      hint: `Fix the manifest (\`ggen-pack validate ${req.pack}\` lists every problem) and run again; nothing was written.`,
    });
  }
  if (!isPathArg(req.pack, ctx.cwd) && root.source !== 'local' && !dryRun) {
    ctx.log(`${root.name}@${root.version} is not installed; installing it from the ${root.source} source first`);
    await installPack(store, `${root.name}@${root.version}`, undefined, { cwd: ctx.cwd, log: ctx.log });
    refreshStore(store);
    root = resolvePackArg(store, ctx.cwd, `${root.name}@${root.version}`);
  }
  return root;
}
