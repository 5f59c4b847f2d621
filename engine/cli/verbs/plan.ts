import { planComposition, type CompositionPlan, openStore } from '../../index';
import { COMPOSITION_OPTIONS, compositionOf, resolveConflictsOption } from '../composition-args';
import { variableLayers, variableOptions } from '../generation-args';
import type { VerbDefinition } from '../types';

/** The plan as text: versions, template order, variables, conflicts, queries. */
export function planText(p: CompositionPlan): string {
  const lines = [`Composition ${p.name}`, '', 'Packs (render order):'];
  for (const x of p.packs) lines.push(`  ${x.name}@${x.version}${x.requested ? `  (asked ${x.requested})` : '  (dependency)'}`);
  lines.push('', 'Templates:');
  for (const t of p.templateOrder) lines.push(`  ${t.pack}:${t.template} (priority ${t.priority})`);
  lines.push('', 'Variables:');
  for (const v of p.variables)
    lines.push(`  ${v.name}${v.required ? ' (required)' : ''} = ${v.value === null ? '(no value)' : JSON.stringify(v.value)}`);
  lines.push('', p.conflicts.length ? 'Conflicts:' : 'Conflicts: none');
  for (const c of p.conflicts)
    lines.push(`  ${c.path}: ${c.packs.join(' vs ')} → ${c.action}: ${c.resolution}${c.warning ? ` (${c.warning})` : ''}`);
  lines.push('', `Queries: ${p.queries}`, `Files: ${p.plan.files.length}`);
  return lines.join('\n');
}

export const planVerb: VerbDefinition = {
  name: 'plan',
  group: 'composition',
  summary: 'Show the composition plan without writing',
  options: [...COMPOSITION_OPTIONS, ...variableOptions(), resolveConflictsOption()],
  async run(ctx, _args, opts) {
    const { composition, baseDir, mode } = compositionOf(ctx, opts);
    const p = await planComposition(
      { store: openStore(ctx.home), composition, layers: variableLayers(ctx, opts), mode, baseDir, output: ctx.cwd },
      true,
    );
    const unresolved = p.conflicts.filter((c) => c.resolution === 'unresolved').length;
    const { plan, ...report } = p;
    return {
      data: { ...report, files: plan.files.map((f) => ({ path: f.path, pack: f.pack, template: f.template, bytes: f.content.length })) },
      human: () =>
        planText(p) + (unresolved ? `\n${unresolved} conflict(s) unresolved: compose would stop (choose with --resolve-conflicts)` : ''),
    };
  },
};
