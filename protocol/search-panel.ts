/**
 * The search panel (a webview view in the Packs container, or an editor panel): the webview asks,
 * the host answers with the engine's ranked search and the pack's details, and runs the same
 * commands as the palette. Pack data crosses as plain values; the webview renders it as text, except
 * the README, which the webview renders (markdown-it, raw HTML off) and sanitizes (DOMPurify) itself.
 */
import type { MaturityLevel, PackSourceKind, PackSummary } from './index';
import { arrayOf, type Guards, isEmpty, isNumber, isString, nullable, oneOf, shape } from './webview';

export const PACK_SOURCES = ['bundled', 'local', 'remote', 'path'] as const satisfies readonly PackSourceKind[];

export interface SearchQuery {
  query: string;
  category: string | null;
  tag: string | null;
  /** Only packs whose maturity score (0..100) is at least this; 0 for all. */
  minScore: number;
}

/**
 * One result row. `relevance` is the search engine's score (0 for the unfiltered list); `maturity`
 * is null until computed — the webview asks for the missing ones with `maturity` after showing rows.
 */
export interface SearchRow extends PackSummary {
  relevance: number;
  maturity: number | null;
  level: MaturityLevel | null;
}

export interface SearchResults {
  query: SearchQuery;
  rows: SearchRow[];
  /** How many packs matched before the row limit. */
  total: number;
  /** What the filters can choose from, over every source. */
  facets: { categories: string[]; tags: string[] };
  /** Time the engine spent answering, ms (the webview shows it; the bench reads it). */
  engineMs: number;
  /** Remote registries are configured: the webview asks `remote` for their hits next. */
  remoteConfigured: boolean;
}

/** The local answer merged with the registries' hits (ranked together), or why the registries could not answer. */
export interface RemoteResults {
  rows: SearchRow[];
  total: number;
  /** Shown under the results: an offline fallback or a failure, in words. */
  note: string | null;
}

export interface PackRef {
  name: string;
  version: string;
  source: PackSourceKind;
}

export interface PackDetails {
  summary: PackSummary;
  author: string | null;
  license: string | null;
  /** The README's Markdown source, null when the pack has none. */
  readme: string | null;
  templates: string[];
  variables: { name: string; type: string; required: boolean; description: string | null }[];
  dependencies: { name: string; version: string; optional: boolean }[];
  maturity: { total: number; level: MaturityLevel } | null;
  /** Only on a remote registry so far: install it to see its templates, variables and README. */
  remoteOnly: boolean;
}

export const SEARCH_COMMANDS = ['install', 'generate', 'show', 'score'] as const;
export type SearchCommand = (typeof SEARCH_COMMANDS)[number];

export interface SearchPanelApi {
  search: { params: SearchQuery; result: SearchResults };
  details: { params: PackRef; result: PackDetails };
  /** The same question asked of the remote registries too (slower: the network). */
  remote: { params: SearchQuery; result: RemoteResults };
  /** Maturity scores of these packs (the rows shown without one). */
  maturity: { params: { packs: PackRef[] }; result: { name: string; total: number; level: MaturityLevel }[] };
  /** Runs the palette command of that name on the pack; resolves when it finished. */
  run: { params: { command: SearchCommand; pack: PackRef }; result: { done: boolean } };
  /** The webview painted its first results (the bench measures command → first paint). */
  painted: { params: Record<string, never>; result: null };
}

/** Host → webview: the installed packs changed (install, uninstall, a new pack folder): search again. */
export type SearchPanelEvent = { event: 'storeChanged' } | { event: 'focusQuery' };

const isSearchQuery = shape<SearchQuery>({ query: isString, category: nullable(isString), tag: nullable(isString), minScore: isNumber });
const isPackRef = shape<PackRef>({ name: isString, version: isString, source: oneOf(PACK_SOURCES) });

export const SEARCH_GUARDS: Guards<SearchPanelApi> = {
  search: isSearchQuery,
  details: isPackRef,
  remote: isSearchQuery,
  maturity: shape<{ packs: PackRef[] }>({ packs: arrayOf(isPackRef) }),
  run: shape<{ command: SearchCommand; pack: PackRef }>({ command: oneOf(SEARCH_COMMANDS), pack: isPackRef }),
  painted: isEmpty,
};
