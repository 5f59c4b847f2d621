import { type PackDescription, describePack, resolvePackArg, storeFor } from '../../index';
import { REGISTRY_OPTIONS, VERSION_OPTION, registryArgs, requiredArg, table, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';

const SECTIONS = ['templates', 'queries', 'dependencies', 'variables', 'examples'] as const;
type Section = (typeof SECTIONS)[number];

function human(d: Partial<PackDescription> & PackDescriptionHead, sections: Section[]): string {
  const out: string[] = [`${d.name}@${d.version}${d.title ? ` — ${d.title}` : ''}`, d.description, ''];
  const meta: string[][] = [
    ['category', d.category],
    ['tags', d.tags.join(', ') || '-'],
    ['license', d.license ?? '-'],
    ['author', d.author ? [d.author.name, d.author.email && `<${d.author.email}>`].filter(Boolean).join(' ') : '-'],
    ['repository', d.repository ?? '-'],
    ['homepage', d.homepage ?? '-'],
    ['source', `${d.source}${d.installed ? ` (installed${d.explicit === false ? ' as a dependency' : ''})` : ' (not installed)'}`],
    ['location', d.dir],
    // One entry per version: the same version in several sources (local, catalog, a registry) is one line item.
    [
      'versions',
      [...new Set(d.versions.map((v) => v.version))]
        .map((v) => `${v}${d.versions.some((x) => x.version === v && x.installed) ? '*' : ''}`)
        .join(', '),
    ],
  ];
  if (d.integrity) meta.push(['integrity', d.integrity]);
  out.push(table(meta));
  const section = (title: string, rows: string[][]) =>
    out.push('', `${title}:`, rows.length > 1 ? table(rows).replace(/^/gm, '  ') : '  (none)');
  if (sections.includes('templates') && d.templates)
    section('Templates', [
      ['ALIAS', 'PRIORITY', 'SOURCE', 'OUTPUT'],
      ...d.templates.map((t) => [t.alias, String(t.priority), t.source, t.outputPath ?? '.']),
    ]);
  if (sections.includes('queries') && d.queries)
    section('Queries', [
      ['NAME', 'SOURCE', 'OUTPUT', 'DESCRIPTION'],
      ...d.queries.map((q) => [q.name, q.source, q.outputPath ?? '-', q.description ?? '']),
    ]);
  if (sections.includes('variables') && d.variables)
    section('Variables', [
      ['NAME', 'TYPE', 'REQUIRED', 'DEFAULT', 'DESCRIPTION'],
      ...d.variables.map((v) => [
        v.name,
        v.values ? `enum(${v.values.join('|')})` : v.type,
        v.required ? 'yes' : 'no',
        v.default === null ? '-' : JSON.stringify(v.default),
        v.description ?? '',
      ]),
    ]);
  if (sections.includes('dependencies') && d.dependencies)
    section('Dependencies', [
      ['NAME', 'RANGE', 'AVAILABLE'],
      ...d.dependencies.map((x) => [x.name + (x.optional ? ' (optional)' : ''), x.range, x.available ?? 'none']),
    ]);
  if (sections.includes('examples') && d.examples) {
    out.push('', 'Examples:');
    if (d.examples.length === 0) out.push('  (none)');
    for (const e of d.examples)
      out.push(`  ${e.name}${e.description ? ` — ${e.description}` : ''}`, ...(e.command ? [`    $ ${e.command}`] : []));
  }
  return out.join('\n');
}

type PackDescriptionHead = Omit<PackDescription, Section | 'hooks'>;

export const showVerb: VerbDefinition = {
  name: 'show',
  group: 'discovery',
  summary: 'Everything about a pack',
  args: '<pack>',
  options: [
    VERSION_OPTION,
    ...REGISTRY_OPTIONS,
    { flags: '--show-templates', description: 'list templates' },
    { flags: '--show-queries', description: 'list queries' },
    { flags: '--show-dependencies', description: 'list dependencies' },
    { flags: '--show-variables', description: 'list variables' },
    { flags: '--show-examples', description: 'list examples' },
  ],
  async run(ctx, args, opts) {
    // A pack only a remote registry has is fetched (and verified) into the cache first.
    const arg = requiredArg(args, 0, 'pack');
    const { store } = await storeFor(ctx.home, ctx.cwd, arg, versionRange(opts), registryArgs(opts, ctx.log));
    const pack = resolvePackArg(store, ctx.cwd, arg, versionRange(opts));
    const full = describePack(store, pack);
    const flag = (s: Section) => `show${s.charAt(0).toUpperCase()}${s.slice(1)}`;
    const asked = SECTIONS.filter((s) => opts[flag(s)]);
    const sections: Section[] = asked.length ? asked : [...SECTIONS];
    // With --show-* flags only those sections are part of the data, so scripts get what they asked for.
    const data: Partial<PackDescription> & PackDescriptionHead = { ...full };
    if (asked.length) for (const s of SECTIONS) if (!asked.includes(s)) delete data[s];
    if (asked.length) delete data.hooks;
    return { data, human: () => human(data, sections) };
  },
};
