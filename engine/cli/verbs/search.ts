import type { PackSummary } from '../../../protocol';
import { remoteNote, searchAllSources } from '../../index';
import { REGISTRY_OPTIONS, parseCount, parseNumber, parseSource, registryArgs, sourceOption, summaryTable } from '../pack-args';
import type { VerbDefinition } from '../types';

export const searchVerb: VerbDefinition = {
  name: 'search',
  group: 'discovery',
  summary: 'Ranked full-text search over pack names, titles, descriptions, tags and templates',
  args: '<query...>',
  options: [
    { flags: '--category <category>', description: 'only this category' },
    { flags: '--min-rating <n>', description: 'only packs rated at least n' },
    { flags: '--limit <n>', description: 'at most n hits (default 20)' },
    sourceOption(),
    ...REGISTRY_OPTIONS,
  ],
  async run(ctx, args, opts) {
    const source = parseSource(opts.source);
    const limit = parseCount('--limit', opts.limit, 20);
    const minRating = parseNumber('--min-rating', opts.minRating);
    const query = args.join(' ');
    const note = typeof opts.registry === 'string' ? null : remoteNote(ctx.home, source);
    if (note) ctx.log(note);
    // Local, bundled and remote hits in one ranking; each row's `source` (and `registry`) says where it is.
    let hits = (await searchAllSources(ctx.home, query, { source, ...registryArgs(opts, ctx.log) })).filter(
      (h) => !opts.category || h.summary.category === opts.category,
    );
    if (minRating !== undefined && minRating > 0) {
      // Ratings live in remote registries; local and bundled packs are unrated, so they cannot pass.
      ctx.log(`note: local and bundled packs have no ratings; --min-rating ${minRating} leaves only rated (remote) packs`);
      hits = [];
    }
    const rows: PackSummary[] = hits.slice(0, limit).map((h) => h.summary);
    return {
      data: rows,
      human: () => (rows.length === 0 ? `No packs match "${query}".` : summaryTable(rows)),
    };
  },
};
