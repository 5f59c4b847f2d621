/**
 * `planGeneration` (SPEC §4, §10 "Dependencies render"): resolve variables over every pack being
 * rendered (one namespace), run queries, render templates in order, all in memory. Pure with respect
 * to the output directory: nothing is written, so the CLI applies the plan atomically and the editor
 * can preview it and apply it as one WorkspaceEdit.
 */
import { relative, resolve } from 'node:path';
import type { Issue } from '../../protocol';
import { GenerationError, NotFoundError } from '../errors';
import type { HookDef, VariableValue } from '../manifest/model';
import { runPackQueries } from '../rdf/run-queries';
import { checkManifestLimits, checkPackSize } from '../render/limits';
import { renderTemplate, type RenderedFile, type RenderPack } from '../render/render-template';
import { resolveVariables, type VariableLayer } from '../render/variables';
import { packIntegrity } from '../registry/integrity';
import type { LoadedPack } from '../registry/types';
import { lockFileEntries, type LockData, type LockPack } from '../apply/lockfile';
import { readOnce } from '../fs/read-once';
import { assertPacksValid } from './validation-gate';

export interface GenerateOptions {
  /** Packs to render, dependencies first, root last (e.g. `resolveGraph(...).packs`, or `[root]`). */
  packs: LoadedPack[];
  /** Supplied values, highest precedence first (`--var`, then `--vars-file`, …); pack defaults come last. */
  layers: VariableLayer[];
  /** The user's RDF files (`--data`), absolute paths. */
  data?: string[];
  /** Only templates with these aliases (`--template`); undefined = all. */
  templates?: string[] | undefined;
  skipQueries?: boolean;
  /** Run every query even when its answer is cached (`benchmark` times the queries, not the cache). */
  noQueryCache?: boolean;
  /** Output directory, only to record `path:` sources relative to it in packs.lock. */
  output?: string;
  /** Finds packs named by `marketplace` template sources. */
  findPack?: (name: string, range: string) => RenderPack | null;
  /** Keep files that several templates render to one path (composition resolves them) instead of failing. */
  keepDuplicates?: boolean;
}

/** One file of the plan (relative, `/`-separated path). */
export type PlannedFile = RenderedFile;

export interface PlannedHook {
  pack: string;
  hook: HookDef;
}

export interface GenerationPlan {
  root: { name: string; version: string };
  packs: { name: string; version: string; source: string; dir: string }[];
  files: PlannedFile[];
  /** Templates not rendered, and why (conditions, --template). */
  skippedTemplates: { pack: string; template: string; reason: string }[];
  /** Resolved values (including secrets: never print or lock them without `secrets`). */
  variables: Record<string, VariableValue>;
  secrets: string[];
  hooks: PlannedHook[];
  /** This generation's contribution to packs.lock (files before skip_if_exists is known). */
  lock: LockData;
  issues: Issue[];
  /** Milliseconds per phase, and rendering per template (`benchmark` reports them). */
  timings: { resolve: number; query: number; render: number; templates: { pack: string; template: string; ms: number }[] };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Build the in-memory plan. Throws ValidationError (variables, RDF, query syntax), GenerationError, NotFoundError. */
export async function planGeneration(opts: GenerateOptions): Promise<GenerationPlan> {
  const root = opts.packs.at(-1);
  if (!root) throw new GenerationError('Nothing to generate: no pack given');
  let t0 = process.hrtime.bigint();
  for (const p of opts.packs) checkManifestLimits(p.manifest, p.name);
  // Refuse what `validate` rejects (exit 2), before any query runs or file is rendered. Every pack
  // file is read once (engine/fs/read-once.ts): validation, queries, rendering and the packs.lock
  // hash share the bytes, starting with the manifests read while loading the packs.
  const readFile = readOnce(opts.packs.flatMap((p) => (p.loaded?.bytes ? [[p.loaded.file, p.loaded.bytes] as const] : [])));
  assertPacksValid(opts.packs, { readFile });
  const decls = opts.packs.flatMap((p) => p.manifest.variables.map((def) => ({ def, pack: p.name })));
  const vars = resolveVariables(decls, opts.layers);
  const timings: GenerationPlan['timings'] = { resolve: ms(t0), query: 0, render: 0, templates: [] };

  const wanted = opts.templates?.length ? new Set(opts.templates) : null;
  if (wanted) {
    const all = new Set(opts.packs.flatMap((p) => p.manifest.templates.map((t) => t.alias)));
    const missing = [...wanted].filter((a) => !all.has(a));
    if (missing.length) {
      throw new NotFoundError(`No template ${missing.map((m) => `"${m}"`).join(', ')} in ${opts.packs.map((p) => p.name).join(', ')}`, {
        hint: `Templates: ${[...all].join(', ') || '(none)'}.`,
      });
    }
  }
  const data = (opts.data ?? []).map((f) => ({ path: resolve(f), shown: f }));
  const files: PlannedFile[] = [];
  const skippedTemplates: GenerationPlan['skippedTemplates'] = [];
  for (const pack of opts.packs) {
    t0 = process.hrtime.bigint();
    const q = await runPackQueries({
      pack,
      values: vars.values,
      defs: vars.defs,
      data,
      skip: Boolean(opts.skipQueries),
      readFile,
      noCache: opts.noQueryCache,
    });
    timings.query += ms(t0);
    t0 = process.hrtime.bigint();
    if (!wanted) files.push(...q.files);
    let bytes = 0;
    const ordered = [...pack.manifest.templates].sort((a, b) => a.priority - b.priority || a.index - b.index);
    for (const template of ordered) {
      if (wanted && !wanted.has(template.alias)) {
        skippedTemplates.push({ pack: pack.name, template: template.alias, reason: 'not selected by --template' });
        continue;
      }
      const tt = process.hrtime.bigint();
      const outcome = renderTemplate({
        pack,
        template,
        values: vars.values,
        queries: q.context,
        findPack: opts.findPack,
        onBytes: (n) => checkPackSize(pack.name, (bytes += n)),
        readFile,
      });
      timings.templates.push({ pack: pack.name, template: template.alias, ms: ms(tt) });
      if (!outcome.conditionsMet) skippedTemplates.push({ pack: pack.name, template: template.alias, reason: 'conditions not met' });
      files.push(...outcome.files);
    }
    timings.render += ms(t0);
  }
  if (!opts.keepDuplicates) assertUniquePaths(files);

  const lockPacks: LockPack[] = opts.packs.map((p) => ({
    name: p.name,
    version: p.version,
    source: lockSource(p, opts.output),
    integrity: packIntegrity(p.dir, { excludes: p.manifest.excludes, readFile }),
  }));
  const lockVars = Object.fromEntries(Object.entries(vars.values).filter(([k]) => !vars.secrets.has(k)));
  return {
    root: { name: root.name, version: root.version },
    packs: opts.packs.map((p) => ({ name: p.name, version: p.version, source: lockSource(p, opts.output), dir: p.dir })),
    files,
    skippedTemplates,
    variables: vars.values,
    secrets: [...vars.secrets],
    hooks: opts.packs.flatMap((p) => p.manifest.hooks.map((hook) => ({ pack: p.name, hook }))),
    lock: {
      lock_version: 1,
      packs: lockPacks,
      variables: lockVars,
      files: lockFileEntries(files),
    },
    issues: vars.issues,
    timings,
  };
}

function lockSource(p: LoadedPack, output: string | undefined): string {
  if (p.source === 'path') return `path:${output ? relative(resolve(output), p.dir).split('\\').join('/') || '.' : p.dir}`;
  // SPEC §10 "Lockfile": a pack from a remote registry is recorded by the registry's URL.
  if (p.source === 'remote' && p.origin) return p.origin;
  return p.source;
}

/** Two files rendering to the same path is an error naming both sources (SPEC §10). */
function assertUniquePaths(files: PlannedFile[]): void {
  const seen = new Map<string, PlannedFile>();
  const issues: Issue[] = [];
  for (const f of files) {
    const key = f.path;
    const prev = seen.get(key);
    if (prev) {
      issues.push({
        code: 'packs/duplicate-output',
        severity: 'error',
        message: `${f.path} is produced by both ${prev.source} (${prev.template}) and ${f.source} (${f.template})`,
        file: null,
        range: null,
      });
    } else seen.set(key, f);
  }
  const [first] = issues;
  if (first) {
    throw new GenerationError(issues.length === 1 ? first.message : `${issues.length} output paths are produced twice`, {
      issues,
      hint: 'Give one of the files another path (`to:` in its front matter or the template output_path), or guard it with `when:`.',
    });
  }
}
