/**
 * The search panel's state and the decisions that need no DOM: what survives a reload, where the
 * selection goes on a key press, which answer is still wanted while the user types, and the words
 * of the result line. webview/search/main.ts renders it; test/unit/webview/search-model.test.ts
 * tests it in Node.
 */
import type { SearchQuery, SearchRow } from '../../protocol/search-panel';

export interface SearchState {
  query: string;
  category: string | null;
  tag: string | null;
  minScore: number;
  /** The selected row's pack name. */
  selected: string | null;
  /** The details pane shows the selected pack. */
  details: boolean;
}

export const INITIAL_STATE: SearchState = { query: '', category: null, tag: null, minScore: 0, selected: null, details: false };

/** Minimum maturity choices: the levels' lower bounds (engine/score maturityLevel). */
export const MIN_SCORE_OPTIONS: { value: number; label: string }[] = [
  { value: 0, label: 'Any score' },
  { value: 40, label: 'Beta or better (40+)' },
  { value: 70, label: 'Production or better (70+)' },
  { value: 90, label: 'Enterprise (90+)' },
];

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

/**
 * The state VS Code kept for this webview, checked field by field: a state saved by an older
 * version of the panel (or nothing) falls back to the defaults rather than breaking the panel.
 */
export function restoreState(saved: unknown): SearchState {
  if (typeof saved !== 'object' || saved === null) return { ...INITIAL_STATE };
  const s = saved as Record<string, unknown>;
  const minScore = typeof s.minScore === 'number' && MIN_SCORE_OPTIONS.some((o) => o.value === s.minScore) ? s.minScore : 0;
  return {
    query: str(s.query) ?? '',
    category: str(s.category),
    tag: str(s.tag),
    minScore,
    selected: str(s.selected),
    details: s.details === true && str(s.selected) !== null,
  };
}

export function queryOf(state: SearchState): SearchQuery {
  return { query: state.query, category: state.category, tag: state.tag, minScore: state.minScore };
}

export type NavKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

export const isNavKey = (k: string): k is NavKey => ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(k);

/** The row selected after `key`: it stops at the ends; from nothing, Down selects the first row. */
export function moveSelection(rows: readonly SearchRow[], selected: string | null, key: NavKey, page = 10): string | null {
  if (!rows.length) return null;
  const at = rows.findIndex((r) => r.name === selected);
  const last = rows.length - 1;
  const next = {
    ArrowDown: at < 0 ? 0 : Math.min(at + 1, last),
    ArrowUp: at < 0 ? 0 : Math.max(at - 1, 0),
    Home: 0,
    End: last,
    PageDown: at < 0 ? 0 : Math.min(at + page, last),
    PageUp: at < 0 ? 0 : Math.max(at - page, 0),
  }[key];
  return rows[next]!.name;
}

/** The selection kept across a new answer when its pack is still listed, else the first row. */
export function keepSelection(rows: readonly SearchRow[], selected: string | null): string | null {
  if (selected !== null && rows.some((r) => r.name === selected)) return selected;
  return rows[0]?.name ?? null;
}

/**
 * Answers arrive out of order when the user types faster than the engine answers; only the answer
 * to the newest question is shown.
 */
export class LatestOnly {
  private asked = 0;
  ask(): number {
    return ++this.asked;
  }
  isLatest(ticket: number): boolean {
    return ticket === this.asked;
  }
  /** The newest question's ticket (a follow-up question for it, like the remote one, shares it). */
  current(): number {
    return this.asked;
  }
}

export function resultLine(shown: number, total: number, engineMs: number): string {
  const ms = engineMs < 10 ? engineMs.toFixed(1) : Math.round(engineMs).toString();
  if (total === 0) return 'No packs match';
  const packs = total === 1 ? '1 pack' : `${total} packs`;
  return shown < total ? `${packs} (first ${shown} shown) · ${ms} ms` : `${packs} · ${ms} ms`;
}

const SOURCE_LABELS: Record<SearchRow['source'], string> = { bundled: 'bundled', local: 'installed', remote: 'remote', path: 'folder' };

export function sourceLabel(source: SearchRow['source']): string {
  return SOURCE_LABELS[source];
}

/** What a screen reader says for a row. */
export function rowLabel(r: SearchRow): string {
  return [
    `${r.name} ${r.version}`,
    r.title,
    r.description,
    `source ${sourceLabel(r.source)}`,
    r.installed ? 'installed' : null,
    r.maturity === null ? null : `score ${r.maturity}, ${r.level}`,
  ]
    .filter(Boolean)
    .join(', ');
}
