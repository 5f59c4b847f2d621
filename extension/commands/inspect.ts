/**
 * Read-only views of packs: `packs.plan` (a composition's plan, nothing written), `packs.tree` (the
 * resolved dependency tree), `packs.diff` (what changed between two versions of a pack) and
 * `packs.benchmark` (generation timings). Called bare or from the explorer they prompt and open the
 * report as an untitled document; as an API they take the argument objects below and return the data.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import {
  benchmarkGeneration,
  compositionOfList,
  CONFLICT_MODES,
  diffPacks,
  loadComposition,
  NotFoundError,
  packFinder,
  PHASES,
  planComposition,
  dependencyTree,
  resolveGraph,
  treeText,
  type TreeNode,
  resolvePackArg,
  statInput,
  throwIfCancelled,
  unifiedDiff,
  ValidationError,
  type BenchmarkResult,
  type BenchmarkStats,
  type Composition,
  type CompositionPlan,
  type ConflictMode,
  type DiffSection,
  type FieldChange,
  type LoadedPack,
  type PackDiff,
  type VariableValue,
} from '../engine-port';
import { log } from '../output';
import { apiArg, firstFolder, packArg, store, withProgress } from './common';
import { askVariables } from './variables';

const cwd = (): string => firstFolder() ?? process.cwd();
const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(cwd(), p));

/** Open `content` as an untitled document (closing it asks nothing worth saving). */
async function showDocument(content: string, language: 'markdown' | 'plaintext'): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** A required string field of an API argument. */
function stringField(value: unknown, field: string, example: string): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  throw new ValidationError(`"${field}" must be a non-empty string`, { hint: `Pass e.g. { ${field}: ${JSON.stringify(example)} }.` });
}

/** An optional whole-number field ≥ `min`. */
function countField(value: unknown, field: string, dflt: number, min: number): number {
  if (value === undefined) return dflt;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new ValidationError(`"${field}" must be a whole number ≥ ${min} (got ${JSON.stringify(value)})`, {
    hint: `e.g. { ${field}: ${dflt} }`,
  });
}

function variablesField(value: unknown): Record<string, VariableValue> {
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, VariableValue>;
  throw new ValidationError('"variables" must be an object of name → value', { hint: 'e.g. { variables: { project_name: "demo" } }' });
}

/** The pack a command works on: the API's `pack` (required, never prompts), else the node / Uri / a pick. */
async function packOf(arg: unknown, placeHolder: string): Promise<string | undefined> {
  const api = apiArg<{ pack?: unknown }>(arg);
  if (api) return stringField(api.pack, 'pack', 'my-pack');
  return packArg(arg, placeHolder);
}

// ---------------------------------------------------------------------------------------------- plan

export interface PlanArgs {
  /** Packs to compose, in render order, each `name` or `name@range`. Give this or `compositionFile`. */
  packs?: string[];
  /** A composition.yaml / .toml (relative paths: to the first workspace folder). */
  compositionFile?: string;
  /** Variable values (highest precedence); none are asked for. */
  variables?: Record<string, VariableValue>;
  /** Overrides the composition's conflict mode (its rules still apply first). */
  conflicts?: ConflictMode;
}

export interface PlanResult extends Omit<CompositionPlan, 'plan'> {
  /** The files the composition would write, without their contents. */
  files: { path: string; pack: string; template: string; bytes: number }[];
  /** Conflicts no rule or mode decides: compose would stop on them. */
  unresolved: number;
}

export async function plan(arg?: unknown): Promise<PlanResult | undefined> {
  const api = apiArg<PlanArgs>(arg);
  const mode = api?.conflicts;
  if (mode !== undefined && !(CONFLICT_MODES as readonly unknown[]).includes(mode)) {
    throw new ValidationError(`"conflicts" must be one of ${CONFLICT_MODES.join(', ')} (got ${JSON.stringify(mode)})`);
  }
  const chosen = api ? planInputOf(api, mode) : await pickComposition(arg);
  if (!chosen) return undefined;
  const variables = api
    ? variablesField(api.variables)
    : await askVariables(
        chosen.composition.packs.map((p) => p.name),
        cwd(),
      );
  if (!variables) return undefined;
  const p = await withProgress(`planning ${chosen.composition.name}`, async (signal) => {
    throwIfCancelled(signal, 'plan');
    return planComposition(
      {
        store: store(),
        composition: chosen.composition,
        layers: [{ source: 'variables', values: variables, unknown: 'warning' }],
        mode,
        baseDir: chosen.baseDir,
        output: cwd(),
      },
      true,
    );
  });
  const { plan: generation, ...report } = p;
  const result: PlanResult = {
    ...report,
    files: generation.files.map((f) => ({ path: f.path, pack: f.pack, template: f.template, bytes: f.content.length })),
    unresolved: p.conflicts.filter((c) => c.resolution === 'unresolved').length,
  };
  log(
    `plan ${p.name}: ${p.packs.length} pack(s), ${result.files.length} file(s), ${p.conflicts.length} conflict(s)${result.unresolved ? ` (${result.unresolved} unresolved)` : ''}`,
  );
  if (!api) await showDocument(planMarkdown(result), 'markdown');
  return result;
}

function planInputOf(api: PlanArgs, mode: ConflictMode | undefined): { composition: Composition; baseDir: string } {
  if (api.compositionFile !== undefined && api.packs !== undefined)
    throw new ValidationError('Give "packs" or "compositionFile", not both');
  if (api.compositionFile !== undefined) {
    const file = absolute(stringField(api.compositionFile, 'compositionFile', 'composition.yaml'));
    return { composition: loadComposition(file), baseDir: dirname(file) };
  }
  const packs = api.packs;
  if (!Array.isArray(packs) || !packs.length || !packs.every((x) => typeof x === 'string' && x.trim())) {
    throw new ValidationError('Say what to plan: "packs" (a non-empty list of names) or "compositionFile"', {
      hint: 'e.g. { packs: ["startup-pack", "devops-pack"] } or { compositionFile: "composition.yaml" }',
    });
  }
  return { composition: compositionOfList(packs.join(','), mode ?? 'fail'), baseDir: cwd() };
}

async function pickComposition(arg: unknown): Promise<{ composition: Composition; baseDir: string } | undefined> {
  if (arg instanceof vscode.Uri) return { composition: loadComposition(arg.fsPath), baseDir: dirname(arg.fsPath) };
  const items = store()
    .summaries('all')
    .map((s) => ({ label: s.name, description: `${s.version} · ${s.source}`, detail: s.description }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Packs to plan (in render order)' });
  if (!picked?.length) return undefined;
  return { composition: compositionOfList(picked.map((p) => p.label).join(','), 'fail'), baseDir: cwd() };
}

function planMarkdown(p: PlanResult): string {
  const lines = [`# Composition plan: ${p.name}`, '', 'Nothing was written.', '', '## Packs (render order)', ''];
  for (const x of p.packs) lines.push(`- \`${x.name}@${x.version}\`${x.requested ? ` (asked ${x.requested})` : ' (dependency)'}`);
  lines.push('', '## Templates', '');
  p.templateOrder.forEach((t, i) => lines.push(`${i + 1}. \`${t.pack}:${t.template}\` (priority ${t.priority})`));
  lines.push('', '## Variables', '');
  if (p.variables.length) {
    lines.push('| name | required | value |', '| --- | --- | --- |');
    for (const v of p.variables)
      lines.push(
        `| \`${v.name}\` | ${v.required ? 'yes' : 'no'} | ${v.value === null ? '(no value)' : `\`${JSON.stringify(v.value)}\``} |`,
      );
  } else lines.push('none');
  lines.push('', '## Conflicts', '');
  if (!p.conflicts.length) lines.push('none');
  for (const c of p.conflicts)
    lines.push(`- \`${c.path}\`: ${c.packs.join(' vs ')} → ${c.action}: ${c.resolution}${c.warning ? ` (${c.warning})` : ''}`);
  if (p.unresolved)
    lines.push(
      '',
      `**${p.unresolved} conflict(s) unresolved**: compose would stop. Add a conflict_resolution rule or choose a conflicts mode.`,
    );
  lines.push('', `## Files (${p.files.length})`, '');
  for (const f of p.files) lines.push(`- \`${f.path}\` ← ${f.pack}:${f.template} (${f.bytes} chars)`);
  lines.push('', `Queries: ${p.queries}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------- tree

export interface TreeArgs {
  /** `name[@range]` or a pack folder. */
  pack: string;
  /** Version or range of `pack`, if not in `pack` itself. */
  version?: string;
  /** Maximum depth (0: the pack alone); default unlimited. */
  depth?: number;
}

export interface TreeResult {
  tree: TreeNode;
  /** The resolver's warnings. */
  warnings: string[];
}

export async function tree(arg?: unknown): Promise<TreeResult | undefined> {
  const api = apiArg<TreeArgs>(arg);
  const pack = await packOf(arg, 'Pack whose dependency tree to show');
  if (!pack) return undefined;
  const depth = countField(api?.depth, 'depth', Number.MAX_SAFE_INTEGER, 0);
  const version = api?.version === undefined ? undefined : stringField(api.version, 'version', '^1.0.0');
  const s = store();
  const root = resolvePackArg(s, cwd(), pack, version);
  const { tree: t, warnings: w, resolved } = dependencyTree(s, root, depth);
  for (const x of w) log(`warning: ${x}`);
  const result: TreeResult = { tree: t, warnings: w };
  log(`tree ${root.name}@${root.version}: ${resolved} dependenc${resolved === 1 ? 'y' : 'ies'} resolved`);
  if (!api) {
    const warnings = w.map((x) => `warning: ${x}`);
    await showDocument([treeText(result.tree), ...(warnings.length ? ['', ...warnings] : [])].join('\n') + '\n', 'plaintext');
  }
  return result;
}

// ---------------------------------------------------------------------------------------------- diff

export interface DiffArgs {
  /** Pack name (both versions must be known to a source: bundled or installed). */
  pack: string;
  /** The older version. */
  from: string;
  /** The newer version. */
  to: string;
  /** Also return the unified diff of the two packs' files as `unified`. */
  unified?: boolean;
}

export type DiffResult = PackDiff & { unified?: string };

export async function diff(arg?: unknown): Promise<DiffResult | undefined> {
  const api = apiArg<DiffArgs>(arg);
  const pack = await packOf(arg, 'Pack whose versions to compare');
  if (!pack) return undefined;
  const s = store();
  // A name, a `name@version` (explorer node) or a folder: the versions are looked up by name.
  const name = resolvePackArg(s, cwd(), pack).name;
  const known = s.versions(name).map((r) => r.version);
  const versions = api
    ? { from: stringField(api.from, 'from', '1.0.0'), to: stringField(api.to, 'to', '1.1.0') }
    : await pickVersions(name, known);
  if (!versions) return undefined;
  const load = (v: string): LoadedPack => {
    const rec = s.find(name, v);
    if (!rec) {
      throw new NotFoundError(`No version ${v} of ${name}${known.length ? `; known: ${known.join(', ')}` : ' in any source'}`, {
        hint: 'Install the versions to compare (from the registry, a bundle or a folder), then run diff again.',
      });
    }
    return s.load(rec);
  };
  const a = load(versions.from);
  const b = load(versions.to);
  const d = diffPacks(a, b);
  const unified = !api || api.unified ? unifiedDiff(a, b, d) : undefined;
  log(
    `diff ${d.name} ${d.from} → ${d.to}: ${d.files.added.length + d.files.removed.length + d.files.modified.length} file(s) changed, ${d.breaking.length} breaking`,
  );
  if (!api) await showDocument(diffMarkdown(d, unified ?? ''), 'markdown');
  return unified === undefined ? d : { ...d, unified };
}

async function pickVersions(name: string, known: string[]): Promise<{ from: string; to: string } | undefined> {
  if (known.length < 2) {
    throw new NotFoundError(`Only ${known.length ? `version ${known.join('')}` : 'no version'} of ${name} is known; diff needs two`, {
      hint: 'Install another version of the pack (from the registry, a bundle or a folder), then run diff again.',
    });
  }
  // Newest first: the default "from" is the one before the newest.
  const from = await vscode.window.showQuickPick(
    known.map((v, i) => ({ label: v, picked: i === 1 })),
    { placeHolder: `${name}: compare from (the older version)` },
  );
  if (!from) return undefined;
  const to = await vscode.window.showQuickPick(
    known.filter((v) => v !== from.label).map((v) => ({ label: v })),
    { placeHolder: `${name}: compare ${from.label} to` },
  );
  return to ? { from: from.label, to: to.label } : undefined;
}

function diffMarkdown(d: PackDiff, unified: string): string {
  const show = (v: unknown) => (v === undefined ? '(none)' : `\`${JSON.stringify(v)}\``);
  const change = (c: FieldChange) => `${c.field}: ${show(c.from)} → ${show(c.to)}`;
  const section = (title: string, s: DiffSection): string[] =>
    !s.added.length && !s.removed.length && !s.changed.length
      ? []
      : [
          `## ${title}`,
          '',
          ...s.added.map((n) => `- added \`${n}\``),
          ...s.removed.map((n) => `- removed \`${n}\``),
          ...s.changed.flatMap((c) => [`- changed \`${c.name}\``, ...c.changes.map((x) => `  - ${change(x)}`)]),
          '',
        ];
  const lines = [`# ${d.name} ${d.from} → ${d.to}`, ''];
  lines.push(
    d.breaking.length ? `**Breaking for users:**\n\n${d.breaking.map((b) => `- ${b}`).join('\n')}` : 'Nothing breaking for users.',
    '',
  );
  const before = lines.length;
  if (d.metadata.length) lines.push('## Metadata', '', ...d.metadata.map((c) => `- ${change(c)}`), '');
  lines.push(
    ...section('Variables', d.variables),
    ...section('Templates', d.templates),
    ...section('Queries', d.queries),
    ...section('Dependencies', d.dependencies),
  );
  const f = d.files;
  if (f.added.length + f.removed.length + f.modified.length) {
    lines.push(
      '## Files',
      '',
      ...f.added.map((x) => `- added \`${x}\``),
      ...f.removed.map((x) => `- removed \`${x}\``),
      ...f.modified.map((x) => `- modified \`${x}\``),
      '',
    );
  }
  if (lines.length === before) lines.push('No differences.', '');
  if (unified.trim()) lines.push('## Unified diff', '', '```diff', unified.replace(/\n$/, ''), '```', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- benchmark

export interface BenchmarkArgs {
  /** `name[@range]` or a pack folder. */
  pack: string;
  /** Version or range of `pack`, if not in `pack` itself. */
  version?: string;
  /** Runs (default 10). */
  iterations?: number;
  variables?: Record<string, VariableValue>;
  /** Extra RDF data files (relative paths: to the first workspace folder). */
  data?: string[];
  /** Do not run SPARQL queries. */
  skipQueries?: boolean;
  /** false: time the pack alone, not its dependencies (default true). */
  dependencies?: boolean;
}

export type BenchmarkReport = { pack: { name: string; version: string } } & BenchmarkResult;

export async function benchmark(arg?: unknown): Promise<BenchmarkReport | undefined> {
  const api = apiArg<BenchmarkArgs>(arg);
  const pack = await packOf(arg, 'Pack to benchmark');
  if (!pack) return undefined;
  const iterations = api ? countField(api.iterations, 'iterations', 10, 1) : await askIterations();
  if (iterations === undefined) return undefined;
  const version = api?.version === undefined ? undefined : stringField(api.version, 'version', '^1.0.0');
  if (api?.data !== undefined && (!Array.isArray(api.data) || !api.data.every((x) => typeof x === 'string'))) {
    throw new ValidationError('"data" must be a list of RDF file paths', { hint: 'e.g. { data: ["model.ttl"] }' });
  }
  const data = (api?.data ?? []).map((f) => {
    const path = absolute(f);
    statInput({ path, shown: `data ${f}`, what: 'RDF data file', hint: 'Give the path of a .ttl, .nt, .nq, .trig or .n3 file.' });
    return path;
  });
  const variables = api ? variablesField(api.variables) : await askVariables([pack], cwd());
  if (!variables) return undefined;
  const s = store();
  const root = resolvePackArg(s, cwd(), pack, version);
  const graph = api?.dependencies === false ? { packs: [root], warnings: [] } : resolveGraph(s, root);
  for (const w of graph.warnings) log(`warning: ${w}`);
  log(`benchmark: generating ${root.name}@${root.version} ${iterations} time(s) into temporary directories…`);
  const result = await withProgress(`benchmarking ${root.name} (${iterations} run(s))`, async (signal) => {
    throwIfCancelled(signal, 'benchmark');
    return benchmarkGeneration(
      {
        packs: graph.packs,
        layers: [{ source: 'variables', values: variables, unknown: 'error' }],
        data,
        skipQueries: Boolean(api?.skipQueries),
        findPack: packFinder(s),
      },
      iterations,
    );
  });
  const report: BenchmarkReport = { pack: { name: root.name, version: root.version }, ...result };
  log(
    `benchmark ${root.name}@${root.version}: ${result.iterations} run(s), total mean ${result.phases.total.mean.toFixed(2)} ms, ${result.files} file(s) each`,
  );
  if (!api) await showDocument(benchmarkMarkdown(report), 'markdown');
  return report;
}

async function askIterations(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Benchmark iterations',
    prompt: 'How many generations to time (each into a temporary directory)',
    value: '10',
    validateInput: (t) => (/^\s*[1-9]\d*\s*$/.test(t) ? undefined : 'A whole number ≥ 1'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

function benchmarkMarkdown(r: BenchmarkReport): string {
  const row = (label: string, s: BenchmarkStats) =>
    `| ${label} | ${[s.mean, s.median, s.min, s.max].map((n) => n.toFixed(2)).join(' | ')} |`;
  const head = ['| | mean | median | min | max |', '| --- | ---: | ---: | ---: | ---: |'];
  return [
    `# Benchmark of ${r.pack.name}@${r.pack.version}`,
    '',
    `${r.iterations} iteration(s), ${r.files} file(s) each; milliseconds, in the extension host's process.`,
    '',
    '## Phases',
    '',
    ...head,
    ...PHASES.map((p) => row(p, r.phases[p])),
    '',
    `First iteration (cold): ${PHASES.map((p) => `${p} ${r.first[p].toFixed(1)}`).join(', ')}`,
    '',
    '## Render time per template',
    '',
    ...(r.templates.length ? [...head, ...r.templates.map((t) => row(`${t.pack}:${t.template}`, t.stats))] : ['none']),
    '',
  ].join('\n');
}
