import type { PackSummary } from '../../../protocol';
import { ValidationError, remoteNote, remoteSummaries, openStore } from '../../index';
import { REGISTRY_OPTIONS, optionList, parseCount, parseSource, registryArgs, sourceOption, summaryTable } from '../pack-args';
import type { VerbDefinition } from '../types';

const SORTS = ['name', 'downloads', 'rating', 'updated'] as const;

export const listVerb: VerbDefinition = {
  name: 'list',
  group: 'discovery',
  summary: 'List installed, bundled and registry packs',
  options: [
    sourceOption(' (default all)'),
    { flags: '--category <category>', description: 'only this category' },
    { flags: '--tag <tag>', description: 'only packs with this tag (repeat)', repeat: true },
    { flags: '--installed', description: 'only installed packs' },
    { flags: '--available', description: 'only packs not installed' },
    { flags: '--sort <key>', description: 'name|downloads|rating|updated' },
    { flags: '--limit <n>', description: 'at most n packs (default 50)' },
    ...REGISTRY_OPTIONS,
  ],
  async run(ctx, _args, opts) {
    const source = parseSource(opts.source);
    const limit = parseCount('--limit', opts.limit, 50);
    const sort = (opts.sort ?? 'name') as string;
    if (!(SORTS as readonly string[]).includes(sort))
      throw new ValidationError(`--sort must be one of ${SORTS.join(', ')} (got "${sort}")`);
    if (opts.installed && opts.available) throw new ValidationError('--installed and --available exclude each other; give one');
    const note = typeof opts.registry === 'string' ? null : remoteNote(ctx.home, source);
    if (note) ctx.log(note);
    // The remote registries' packs (or, offline, what was fetched from them before) join the merged view.
    const remote = source === 'all' || source === 'remote' ? await remoteSummaries(ctx.home, '', registryArgs(opts, ctx.log)) : [];
    const store = openStore(ctx.home, remote.length ? { remote: { summaries: () => remote, versions: () => [] } } : {});
    const tags = optionList(opts.tag).map((t) => t.toLowerCase());
    // The merged view shows each name's newest version, which may be a catalog copy newer than the
    // installed one: --installed lists what is installed, --available the names with nothing installed.
    const plain = !opts.category && tags.length === 0 && !opts.installed && !opts.available && sort === 'name';
    let rows: PackSummary[];
    let total: number;
    if (plain) {
      // The common case reads only the names and the summaries it prints, not the whole index.
      total = store.nameCount(source);
      rows = store.names(source, limit).map((n) => store.summary(n, source)!);
    } else {
      // The merged view shows each name's newest version, which may be a catalog copy newer than the
      // installed one: --installed lists what is installed, --available the names with nothing installed.
      const installedNames = new Set(opts.available ? store.localIndex().names() : []);
      const base = opts.installed && (source === 'all' || source === 'local') ? store.summaries('local') : store.summaries(source);
      rows = base.filter(
        (s) =>
          (!opts.category || s.category === opts.category) &&
          tags.every((t) => s.tags.some((x) => x.toLowerCase() === t)) &&
          (!opts.installed || s.installed) &&
          (!opts.available || !installedNames.has(s.name)),
      );
      if (sort === 'updated') {
        // Local packs know when they were installed; catalog packs sort after them, by name.
        const when = new Map(store.localIndex().packs.map((e) => [`${e.name}@${e.version}`, e.installedAt]));
        const t = (n: string, v: string) => when.get(`${n}@${v}`) ?? '';
        rows = [...rows].sort((a, b) => t(b.name, b.version).localeCompare(t(a.name, a.version)) || a.name.localeCompare(b.name));
      }
      total = rows.length;
      rows = rows.slice(0, limit);
    }
    // downloads and rating come from remote registries; local and bundled packs have neither, so name order stands.
    return {
      data: rows,
      human: () =>
        rows.length === 0
          ? 'No packs match.'
          : `${summaryTable(rows)}\n${total > rows.length ? `(${rows.length} of ${total}; --limit ${total} shows all)` : ''}`,
    };
  },
};
