/**
 * Composition (SPEC §4): several packs into one output. The packs and their dependencies are resolved
 * together (one version per name), rendered in one variable namespace (precedence: the command line,
 * then per-pack composition values, then `global_variables`, then pack defaults), and files that
 * several packs write are resolved by the first matching rule or the mode: overwrite (the later pack,
 * or `priority_pack`, wins), skip (the earlier stays), merge (merge-content.ts), fail, or ask.
 * Nothing is written here: the result is a GenerationPlan for applyPlan, plus the report `plan` prints.
 */
import { packFinder } from '../registry/store';
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { lockFileEntries } from '../apply/lockfile';
import { GenerationError, ValidationError } from '../errors';
import { planGeneration, type GenerationPlan, type PlannedFile, type VariableLayer } from '../generate';
import type { VariableValue } from '../manifest/model';
import type { PackStore } from '../registry/types';
import { resolveRequirements } from '../resolve';
import type { Composition, ConflictMode } from './composition-file';
import { mergeContents } from './merge-content';

export interface FileConflict {
  path: string;
  /** The packs writing it, in render order. */
  packs: string[];
  action: ConflictMode;
  /** What happens: `startup-pack wins`, `merged (json)`, `unresolved`… */
  resolution: string;
  warning?: string;
}

export interface ComposeOptions {
  store: PackStore;
  composition: Composition;
  /** `--var` / `--vars-file` layers (highest precedence). */
  layers: VariableLayer[];
  /** `--resolve-conflicts`, overriding the composition's mode (rules still apply first); undefined when not given. */
  mode?: ConflictMode | undefined;
  /** Folder the composition's `data` paths are relative to. */
  baseDir: string;
  output: string;
  /** For `ask`: choose among the packs' versions (index into `packs`), or 'merge'; absent or undefined → unresolved. */
  ask?: ((conflict: { path: string; packs: string[] }) => Promise<number | 'merge'>) | undefined;
}

export interface CompositionPlan {
  name: string;
  packs: { name: string; version: string; requested: string | null }[];
  templateOrder: { pack: string; template: string; priority: number }[];
  variables: { name: string; required: boolean; value: VariableValue | null }[];
  conflicts: FileConflict[];
  queries: number;
  plan: GenerationPlan;
}

/** The per-pack composition values as one layer; the same name with two values is an error naming both packs. */
function perPackLayer(c: Composition): VariableLayer {
  const values: Record<string, VariableValue> = {};
  const from: Record<string, string> = {};
  const clashes: string[] = [];
  for (const e of c.packs.filter((x) => x.enabled)) {
    for (const [k, v] of Object.entries(e.variables)) {
      if (k in values && JSON.stringify(values[k]) !== JSON.stringify(v))
        clashes.push(`"${k}" is ${JSON.stringify(values[k])} for ${from[k]} but ${JSON.stringify(v)} for ${e.name}`);
      values[k] = v;
      from[k] = e.name;
    }
  }
  if (clashes.length) {
    throw new ValidationError(`Packs of one composition share one variable namespace: ${clashes.join('; ')}`, {
      hint: 'Give the value once in global_variables, or the same value in every pack.',
    });
  }
  return { source: `composition ${c.name} (packs)`, values, unknown: 'warning' };
}

/** Plan the composition. Throws ResolutionError, ValidationError, GenerationError (unresolved conflicts unless `keepUnresolved`). */
export async function planComposition(opts: ComposeOptions, keepUnresolved = false): Promise<CompositionPlan> {
  const c = opts.composition;
  const entries = c.packs.filter((e) => e.enabled).sort((a, b) => a.order - b.order);
  const graph = resolveRequirements(
    opts.store,
    entries.map((e) => ({ name: e.name, range: e.version, requirer: `composition ${c.name}` })),
  );
  const layers = [
    ...opts.layers,
    perPackLayer(c),
    { source: `composition ${c.name} (global_variables)`, values: c.globalVariables, unknown: 'warning' as const },
  ];
  const plan = await planGeneration({
    packs: graph.packs,
    layers,
    data: c.data.map((d) => resolve(opts.baseDir, d)),
    output: opts.output,
    keepDuplicates: true,
    findPack: packFinder(opts.store),
  });

  const byPath = new Map<string, [PlannedFile, ...PlannedFile[]]>();
  for (const f of plan.files) {
    const same = byPath.get(f.path);
    if (same) same.push(f);
    else byPath.set(f.path, [f]);
  }
  const rules = c.rules.map((r) => ({ ...r, match: picomatch(r.pattern, { dot: true }) }));
  const conflicts: FileConflict[] = [];
  const files: PlannedFile[] = [];
  for (const [path, versions] of byPath) {
    if (versions.length === 1) {
      files.push(versions[0]);
      continue;
    }
    const rule = rules.find((r) => r.match(path));
    const action = rule?.action ?? opts.mode ?? c.mode;
    const packs = versions.map((v) => v.pack);
    const conflict: FileConflict = { path, packs, action, resolution: 'unresolved' };
    conflicts.push(conflict);
    let choice: number | 'merge' | null = null;
    if (action === 'overwrite') {
      const preferred = rule?.priorityPack ? packs.lastIndexOf(rule.priorityPack) : -1;
      choice = preferred >= 0 ? preferred : versions.length - 1;
    } else if (action === 'skip') choice = 0;
    else if (action === 'merge') choice = 'merge';
    else if (action === 'ask' && opts.ask) choice = await opts.ask({ path, packs });
    if (choice === 'merge') {
      let merged = versions[0];
      for (const next of versions.slice(1)) {
        const m = mergeContents(path, merged.content, next.content);
        merged = { ...next, content: m.content, source: `${merged.source} + ${next.source}` };
        conflict.resolution = `merged (${m.how})`;
        if (m.warning) conflict.warning = m.warning;
      }
      files.push(merged);
    } else if (choice !== null) {
      const chosen = versions[choice];
      if (!chosen) throw new Error(`internal: version ${choice} of ${versions.length} chosen for ${path}`);
      files.push(chosen);
      conflict.resolution = `${chosen.pack} wins`;
    }
  }
  const unresolved = conflicts.filter((x) => x.resolution === 'unresolved');
  if (unresolved.length && !keepUnresolved) {
    throw new GenerationError(
      `${unresolved.length} file(s) are written by several packs: ${unresolved.map((x) => `${x.path} (${x.packs.join(', ')})`).join('; ')}`,
      {
        hint: 'Choose with --resolve-conflicts overwrite|skip|merge, or add conflict_resolution rules to the composition file; nothing was written.',
      },
    );
  }
  const resolved: GenerationPlan = {
    ...plan,
    files,
    lock: { ...plan.lock, files: lockFileEntries(files) },
  };
  const values = plan.variables;
  const decls = new Map(graph.packs.flatMap((p) => p.manifest.variables.map((v) => [v.name, v] as const)));
  return {
    name: c.name,
    packs: graph.packs.map((p) => ({
      name: p.name,
      version: p.version,
      requested: entries.find((e) => e.name === p.name)?.version ?? null,
    })),
    templateOrder: graph.packs.flatMap((p) =>
      [...p.manifest.templates]
        .sort((a, b) => a.priority - b.priority || a.index - b.index)
        .map((t) => ({ pack: p.name, template: t.alias, priority: t.priority })),
    ),
    variables: [...decls.values()]
      .map((v) => ({ name: v.name, required: v.required, value: plan.secrets.includes(v.name) ? '(secret)' : (values[v.name] ?? null) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    conflicts,
    queries: graph.packs.reduce((n, p) => n + p.manifest.queries.length, 0),
    plan: resolved,
  };
}
