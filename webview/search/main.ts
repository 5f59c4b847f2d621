/**
 * The search panel: a query box with results as you type, filters, a keyboard-navigable result list
 * and a details pane with the palette's actions. Every string from a pack goes in as text (dom.ts h());
 * only the README is HTML, rendered and sanitized by readme.ts. State (query, filters, selection,
 * details open) is saved with setState on every change, so a reload brings the panel back as it was.
 */
import './style.css';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { PackDetails, SearchCommand, SearchPanelApi, SearchPanelEvent, SearchResults, SearchRow } from '../../protocol/search-panel';
import { connect } from '../shared/rpc';
import { debounce, h, replaceChildren } from '../shared/dom';
import {
  isNavKey,
  keepSelection,
  LatestOnly,
  MIN_SCORE_OPTIONS,
  moveSelection,
  queryOf,
  restoreState,
  resultLine,
  rowLabel,
  type SearchState,
  sourceLabel,
} from './model';
import { renderReadme } from './readme';

type ValueElement = HTMLElement & { value: string };

const client = connect<SearchPanelApi, SearchPanelEvent, SearchState>();
const state = restoreState(client.getState());
let results: SearchResults | null = null;
const latest = new LatestOnly();
let painted = false;

const save = () => client.setState(state);
const root = document.getElementById('root')!;

// ---- the controls -------------------------------------------------------------------------------------
const queryBox = h('vscode-textfield', {
  id: 'query',
  type: 'search',
  placeholder: 'Search packs (typo- and prefix-tolerant)',
  'aria-label': 'Search packs',
  'aria-controls': 'results',
}) as ValueElement;
queryBox.append(h('span', { slot: 'content-before', class: 'codicon codicon-search', 'aria-hidden': 'true' }));
queryBox.value = state.query;

const categorySelect = h('vscode-single-select', { id: 'category', 'aria-label': 'Category' }) as ValueElement;
const tagSelect = h('vscode-single-select', { id: 'tag', 'aria-label': 'Tag' }) as ValueElement;
const scoreSelect = h(
  'vscode-single-select',
  { id: 'min-score', 'aria-label': 'Minimum score' },
  ...MIN_SCORE_OPTIONS.map((o) => h('vscode-option', { value: String(o.value) }, o.label)),
) as ValueElement;
scoreSelect.value = String(state.minScore);

const status = h('div', { id: 'status', class: 'muted', role: 'status', 'aria-live': 'polite' });
const list = h('ul', { id: 'results', role: 'listbox', 'aria-label': 'Packs', tabindex: '0' });
const detailsPane = h('section', { id: 'details', 'aria-label': 'Pack details', tabindex: '-1' });
const errorBanner = h('div', { class: 'banner', role: 'alert', hidden: true });
const panes = h('div', { class: 'panes' }, h('div', { class: 'list-pane' }, list), detailsPane);

root.append(
  h('div', { class: 'search-bar' }, queryBox),
  h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' }, categorySelect, tagSelect, scoreSelect),
  errorBanner,
  status,
  panes,
);
root.removeAttribute('aria-busy');

function showError(message: string | null): void {
  errorBanner.hidden = message === null;
  errorBanner.textContent = message ?? '';
}

/** Options of a facet select; the current choice stays listed even when no pack has it any more. */
function fillFacet(select: ValueElement, all: string, values: string[], current: string | null): void {
  const choices = current !== null && !values.includes(current) ? [current, ...values] : values;
  replaceChildren(select, h('vscode-option', { value: '' }, all), ...choices.map((v) => h('vscode-option', { value: v }, v)));
  select.value = current ?? '';
}

// ---- searching ----------------------------------------------------------------------------------------
async function search(): Promise<void> {
  const ticket = latest.ask();
  const r = await client.call('search', queryOf(state));
  if (!latest.isLatest(ticket)) return; // the user typed on; a newer answer is on its way
  if (!r.ok) return showError(`Search failed: ${r.error.message}`);
  showError(null);
  results = r.value;
  fillFacet(categorySelect, 'All categories', results.facets.categories, state.category);
  fillFacet(tagSelect, 'All tags', results.facets.tags, state.tag);
  state.selected = keepSelection(results.rows, state.selected);
  if (state.selected === null) state.details = false;
  save();
  renderRows();
  void fillScores(results);
  layout();
  status.textContent = resultLine(results.rows.length, results.total, results.engineMs);
  if (state.details) await showDetails(false);
  else replaceChildren(detailsPane, h('p', { class: 'muted' }, 'Select a pack to see its details.'));
  if (!painted) {
    painted = true;
    void client.call('painted', {});
  }
  if (results.remoteConfigured) remoteSoon();
}

/** The registries' answer for the same question, merged into the list when it is still the newest. */
async function searchRemote(): Promise<void> {
  const ticket = latest.current();
  status.textContent = `${status.textContent ?? ''} · asking the registries…`;
  const r = await client.call('remote', queryOf(state));
  if (!latest.isLatest(ticket) || !results) return;
  const local = resultLine(results.rows.length, results.total, results.engineMs);
  if (!r.ok) {
    status.textContent = `${local} · registries: ${r.error.message}`;
    return;
  }
  if (r.value.rows.length || r.value.total) {
    results = { ...results, rows: r.value.rows, total: r.value.total };
    state.selected = keepSelection(results.rows, state.selected);
    save();
    renderRows();
    void fillScores(results);
  }
  const remote = r.value.rows.filter((x) => x.source === 'remote').length;
  status.textContent = [resultLine(results.rows.length, results.total, results.engineMs), `${remote} from registries`, r.value.note]
    .filter(Boolean)
    .join(' · ');
}
const remoteSoon = debounce(() => void searchRemote(), 300);
const searchSoon = debounce(() => void search(), 60);

function badge(text: string, cls = 'badge'): HTMLElement {
  return h('span', { class: cls }, text);
}

function renderRows(): void {
  const rows = results?.rows ?? [];
  replaceChildren(
    list,
    ...rows.map((r) => {
      const selected = r.name === state.selected;
      const li = h(
        'li',
        { role: 'option', id: `row-${r.name}`, 'aria-selected': String(selected), 'aria-label': rowLabel(r), 'data-name': r.name },
        h(
          'div',
          { class: 'row-head' },
          h('span', { class: 'name' }, r.name),
          h('span', { class: 'muted version' }, r.version),
          badge(sourceLabel(r.source), 'badge outline source'),
          r.installed ? h('span', { class: 'codicon codicon-pass-filled installed', title: 'Installed', 'aria-hidden': 'true' }) : null,
          scoreBadge(r),
        ),
        h('div', { class: 'description muted' }, r.description),
      );
      li.addEventListener('click', () => select(r.name, true));
      return li;
    }),
  );
  if (state.selected) list.setAttribute('aria-activedescendant', `row-${state.selected}`);
  else list.removeAttribute('aria-activedescendant');
}

/** Keeps the keyboard's selection in view (only then: a new answer must not scroll the query box away). */
function revealSelection(): void {
  document.getElementById(`row-${state.selected ?? ''}`)?.scrollIntoView({ block: 'nearest' });
}

function scoreBadge(r: SearchRow): HTMLElement {
  if (r.source === 'remote' && r.maturity === null)
    return h('span', { class: 'badge level level-pending', title: 'Scored once installed' }, '—');
  return r.maturity === null || r.level === null
    ? h('span', { class: 'badge level level-pending', title: 'Scoring…' }, '…')
    : h(
        'span',
        { class: `badge level level-${r.level.toLowerCase()}`, title: `Maturity ${r.maturity}/100, ${r.level}` },
        String(r.maturity),
      );
}

/** The rows shown without a score get theirs after the list is on screen (a keystroke never waits for manifests). */
async function fillScores(answer: SearchResults): Promise<void> {
  // A registry's pack has no score until it is installed (its manifest is not here yet).
  const missing = answer.rows.filter((r) => r.maturity === null && r.source !== 'remote');
  if (!missing.length) return;
  const r = await client.call('maturity', { packs: missing.map((m) => ({ name: m.name, version: m.version, source: m.source })) });
  if (!r.ok || results !== answer) return;
  for (const m of r.value) {
    const row = answer.rows.find((x) => x.name === m.name);
    if (!row) continue;
    row.maturity = m.total;
    row.level = m.level;
    const li = list.querySelector(`li[data-name="${CSS.escape(m.name)}"]`);
    li?.querySelector('.level')?.replaceWith(scoreBadge(row));
    li?.setAttribute('aria-label', rowLabel(row));
  }
}

function select(name: string, open: boolean): void {
  state.selected = name;
  if (open) state.details = true;
  save();
  layout();
  renderRows();
  if (state.details) void showDetails(open);
}

// ---- details ------------------------------------------------------------------------------------------
let detailsFor: string | null = null;

async function showDetails(focus: boolean): Promise<void> {
  const row = results?.rows.find((r) => r.name === state.selected);
  if (!row) return;
  const key = `${row.name}@${row.version}`;
  detailsFor = key;
  const r = await client.call('details', { name: row.name, version: row.version, source: row.source });
  if (detailsFor !== key) return;
  if (!r.ok) {
    replaceChildren(detailsPane, h('p', { class: 'error-text', role: 'alert' }, `Could not load ${key}: ${r.error.message}`));
    return;
  }
  renderDetails(row, r.value);
  if (focus) {
    detailsPane.focus({ preventScroll: true });
    detailsPane.scrollIntoView({ block: 'start' });
  }
}

function action(label: string, command: SearchCommand, row: SearchRow, primary = false): HTMLElement {
  const b = h('vscode-button', { 'data-command': command, ...(primary ? {} : { secondary: true }) }, label);
  b.addEventListener('click', () => {
    void (async () => {
      b.setAttribute('disabled', '');
      const r = await client.call('run', { command, pack: { name: row.name, version: row.version, source: row.source } });
      b.removeAttribute('disabled');
      if (!r.ok) showError(`${label} failed: ${r.error.message}`);
    })();
  });
  return b;
}

function section(title: string, body: Node | null, empty: string): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', {}, title), body ?? h('p', { class: 'muted' }, empty));
}

function renderDetails(row: SearchRow, d: PackDetails): void {
  const s = d.summary;
  const readme = d.readme ? h('div', { class: 'readme' }) : null;
  readme?.append(renderReadme(d.readme!));
  replaceChildren(
    detailsPane,
    h(
      'header',
      {},
      backButton(),
      h('h2', { id: 'details-title' }, s.title ?? s.name),
      h(
        'div',
        { class: 'meta' },
        h('code', {}, `${s.name}@${s.version}`),
        badge(sourceLabel(s.source), 'badge outline'),
        s.installed && s.source !== 'local' ? badge('installed') : null,
        d.maturity
          ? h('span', { class: `badge level level-${d.maturity.level.toLowerCase()}` }, `${d.maturity.level} · ${d.maturity.total}/100`)
          : null,
      ),
      h('p', {}, s.description),
      h('p', { class: 'muted' }, [s.category, d.license, d.author].filter(Boolean).join(' · ')),
      d.remoteOnly
        ? h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Actions' }, action('Install', 'install', row, true))
        : h(
            'div',
            { class: 'actions', role: 'toolbar', 'aria-label': 'Actions' },
            action('Generate…', 'generate', row, true),
            action(s.installed ? 'Reinstall' : 'Install', 'install', row),
            action('Show', 'show', row),
            action('Score', 'score', row),
          ),
      d.remoteOnly
        ? h('p', { class: 'muted' }, `On ${s.registry ?? 'a remote registry'}: install it to see its templates, variables and README.`)
        : null,
    ),
    ...(d.remoteOnly
      ? []
      : [
          section(
            'Templates',
            d.templates.length ? h('ul', {}, ...d.templates.map((t) => h('li', {}, h('code', {}, t)))) : null,
            'No templates.',
          ),
          section(
            'Variables',
            d.variables.length
              ? h(
                  'ul',
                  {},
                  ...d.variables.map((v) =>
                    h(
                      'li',
                      {},
                      h('code', {}, v.name),
                      ` ${v.type}`,
                      v.required ? h('span', { class: 'required' }, ' required') : null,
                      v.description ? h('span', { class: 'muted' }, ` — ${v.description}`) : null,
                    ),
                  ),
                )
              : null,
            'No variables.',
          ),
          section(
            'Dependencies',
            d.dependencies.length
              ? h(
                  'ul',
                  {},
                  ...d.dependencies.map((x) => h('li', {}, h('code', {}, `${x.name} ${x.version}`), x.optional ? ' (optional)' : null)),
                )
              : null,
            'No dependencies.',
          ),
          section('README', readme, 'This pack has no README.'),
        ]),
  );
  detailsPane.setAttribute('aria-labelledby', 'details-title');
}

// ---- events -------------------------------------------------------------------------------------------
queryBox.addEventListener('input', () => {
  state.query = queryBox.value;
  save();
  searchSoon();
});
const onFilter = (select: ValueElement, apply: (v: string) => void) =>
  select.addEventListener('change', () => {
    apply(select.value);
    save();
    void search();
  });
onFilter(categorySelect, (v) => (state.category = v || null));
onFilter(tagSelect, (v) => (state.tag = v || null));
onFilter(scoreSelect, (v) => (state.minScore = Number(v) || 0));

// Arrow keys move the selection from the query box and from the list; Enter opens the details.
function onKey(e: KeyboardEvent): void {
  const rows = results?.rows ?? [];
  if (isNavKey(e.key)) {
    e.preventDefault();
    const next = moveSelection(rows, state.selected, e.key);
    if (next) select(next, false);
    revealSelection();
  } else if (e.key === 'Enter' && state.selected) {
    e.preventDefault();
    select(state.selected, true);
  } else if (e.key === 'Escape' && state.details) closeDetails();
}

function closeDetails(): void {
  state.details = false;
  save();
  layout();
  replaceChildren(detailsPane, h('p', { class: 'muted' }, 'Select a pack to see its details.'));
  queryBox.focus();
}

/** In a narrow side bar the details replace the list (with a way back); side by side when wide. */
function backButton(): HTMLElement {
  const b = h('vscode-button', { class: 'back', secondary: true, 'aria-label': 'Back to the results' }, 'Back to results');
  b.addEventListener('click', closeDetails);
  return b;
}

function layout(): void {
  panes.classList.toggle('details-open', state.details);
}
queryBox.addEventListener('keydown', onKey);
list.addEventListener('keydown', onKey);

client.onEvent((e) => {
  if (e.event === 'storeChanged') void search();
  if (e.event === 'focusQuery') queryBox.focus();
});

void search();
queryBox.focus();
