import { diffPacks, unifiedDiff, type FieldChange, type PackDiff, type DiffSection as Section, NotFoundError, storeFor } from '../../index';
import { REGISTRY_OPTIONS, registryArgs, requiredArg } from '../pack-args';
import type { VerbDefinition } from '../types';

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
const change = (c: FieldChange) => `${c.field}: ${show(c.from)} → ${show(c.to)}`;

function sectionText(title: string, s: Section): string[] {
  if (!s.added.length && !s.removed.length && !s.changed.length) return [];
  return [
    `${title}:`,
    ...s.added.map((n) => `  + ${n}`),
    ...s.removed.map((n) => `  - ${n}`),
    ...s.changed.flatMap((c) => [`  ~ ${c.name}`, ...c.changes.map((x) => `      ${change(x)}`)]),
  ];
}

function humanText(d: PackDiff): string {
  const lines = [`${d.name} ${d.from} → ${d.to}${d.only ? ` (${d.only} only)` : ''}`, ''];
  if (d.metadata.length) lines.push('metadata:', ...d.metadata.map((c) => `  ~ ${change(c)}`));
  lines.push(...sectionText('variables', d.variables), ...sectionText('templates', d.templates));
  lines.push(...sectionText('queries', d.queries), ...sectionText('dependencies', d.dependencies));
  const f = d.files;
  if (f.added.length + f.removed.length + f.modified.length) {
    lines.push('files:', ...f.added.map((x) => `  + ${x}`), ...f.removed.map((x) => `  - ${x}`), ...f.modified.map((x) => `  ~ ${x}`));
  }
  if (lines.length === 2) lines.push('no differences');
  lines.push(
    '',
    d.breaking.length
      ? `Breaking for users:\n${d.breaking.map((b) => `  ! ${b}`).join('\n')}`
      : d.only
        ? `Nothing breaking for users in the ${d.only}.`
        : 'Nothing breaking for users.',
  );
  return lines.join('\n');
}

export const diffVerb: VerbDefinition = {
  name: 'diff',
  group: 'utility',
  summary: 'Manifest, variable and template changes between versions',
  args: '<pack> <v1> <v2>',
  options: [
    {
      flags: '--templates',
      description:
        'only template changes: the [[templates]] entries and the files under their sources (no metadata, variables, queries, dependencies)',
    },
    ...REGISTRY_OPTIONS,
  ],
  async run(ctx, args, opts) {
    const name = requiredArg(args, 0, 'pack');
    const v1 = requiredArg(args, 1, 'v1');
    const v2 = requiredArg(args, 2, 'v2');
    // Versions only a registry has are fetched (and verified) into the cache first.
    const { store } = await storeFor(ctx.home, ctx.cwd, undefined, undefined, {
      ...registryArgs(opts, ctx.log),
      extra: [
        { name, range: v1 },
        { name, range: v2 },
      ],
    });
    const pick = (v: string) => {
      const rec = store.find(name, v);
      if (!rec) {
        const known = store.versions(name).map((r) => r.version);
        throw new NotFoundError(`No version ${v} of ${name}${known.length ? `; known: ${known.join(', ')}` : ' in any source'}`, {
          hint: 'Install the versions to compare (`ggen-pack install <name>@<version>` or from a path), then run diff again.',
        });
      }
      return store.load(rec);
    };
    const a = pick(v1);
    const b = pick(v2);
    const d = diffPacks(a, b, { only: opts.templates ? 'templates' : undefined });
    return { data: d, human: () => (ctx.format === 'unified' ? unifiedDiff(a, b, d) : humanText(d)) };
  },
};
