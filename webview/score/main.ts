/**
 * The quality-score panel: total and level, the publish gate, the eight dimensions as an SVG bar
 * chart (with a visually hidden table as its text alternative), every issue as a link to its file
 * and range, and the advice per dimension with its gains. Everything from pack data goes in as text.
 */
import './style.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ScorePanelApi, ScorePanelEvent, ScorePanelState, ScoreReport } from '../../protocol/score-panel';
import type { WebviewError } from '../../protocol/webview';
import { h, replaceChildren, svg } from '../shared/dom';
import { connect } from '../shared/rpc';
import {
  adviceByDimension,
  codeSegments,
  barChart,
  checkIcon,
  checkLabel,
  groupIssues,
  issueCounts,
  issueLocation,
  levelColour,
  severityIcon,
} from './model';

const client = connect<ScorePanelApi, ScorePanelEvent, ScorePanelState>();

const root = document.getElementById('root')!;
let paintedOnce = false;

const icon = (name: string, label?: string) =>
  h('span', {
    class: `codicon codicon-${name}`,
    'aria-hidden': label ? undefined : 'true',
    role: label ? 'img' : undefined,
    'aria-label': label,
  });

function toolbar(): HTMLElement {
  const refresh = h('vscode-button', { secondary: true, icon: 'refresh', 'aria-label': 'Refresh the score', id: 'refresh' }, 'Refresh');
  refresh.addEventListener('click', () => void load());
  const choose = h(
    'vscode-button',
    { secondary: true, icon: 'folder-opened', 'aria-label': 'Choose another pack', id: 'choose' },
    'Choose Pack…',
  );
  choose.addEventListener('click', () => void pick());
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Score panel actions' }, refresh, choose);
}

function render(report: ScoreReport): void {
  client.setState({ dir: report.pack.dir, name: report.pack.name });
  const { pack, maturity, gate } = report;
  const header = h(
    'header',
    { class: 'head' },
    h('div', { class: 'title' }, h('h1', { id: 'pack-name' }, pack.name), h('span', { class: 'muted version' }, pack.version)),
    toolbar(),
  );
  const sections: HTMLElement[] = [header];
  if (maturity) {
    const level = h('span', { class: 'level', id: 'level' }, maturity.level);
    level.style.setProperty('--level-colour', `var(${levelColour(maturity.level)})`);
    sections.push(
      h(
        'section',
        { class: 'summary', 'aria-label': 'Maturity score' },
        h(
          'div',
          { class: 'total-block' },
          h('span', { class: 'total', id: 'total', 'aria-label': `Maturity score ${maturity.total} of 100` }, String(maturity.total)),
          h('span', { class: 'muted of', 'aria-hidden': 'true' }, '/ 100'),
          level,
        ),
        h('div', { class: 'muted validation' }, `Validation score ${report.validation} · ${issueCounts(report.issues)}`),
        gate ? gateLine(gate) : null,
      ),
      h(
        'div',
        { class: 'columns' },
        h('div', { class: 'column' }, chartSection(maturity.dimensions), issuesSection(report)),
        h('div', { class: 'column' }, adviceSection(maturity.dimensions)),
      ),
    );
  } else {
    sections.push(
      h(
        'p',
        { class: 'banner', role: 'alert' },
        icon('error'),
        ` ${pack.manifest} does not parse, so it has no score yet: fix the issues below (validation score ${report.validation}).`,
      ),
      issuesSection(report),
    );
  }
  replaceChildren(root, ...sections);
  root.setAttribute('aria-busy', 'false');
  afterPaint();
}

function gateLine(gate: NonNullable<ScoreReport['gate']>): HTMLElement {
  const failed = gate.checks.filter((c) => c.status === 'fail').length;
  return h(
    'p',
    { class: `gate ${gate.passed ? 'passed' : 'blocked'}`, id: 'gate' },
    icon(gate.passed ? 'pass-filled' : 'circle-slash'),
    h('strong', {}, gate.passed ? ' Publish gate: ready' : ` Publish gate: ${failed} check${failed === 1 ? '' : 's'} failing`),
    h(
      'span',
      { class: 'checks' },
      ...gate.checks.map((c) =>
        h(
          'span',
          {
            class: `check ${c.status}`,
            title: c.reason,
            tabindex: 0,
            'aria-label': `${checkLabel(c.name, gate.threshold)}: ${c.status}. ${c.reason}`,
          },
          icon(checkIcon(c.status)),
          ` ${checkLabel(c.name, gate.threshold)}`,
        ),
      ),
    ),
  );
}

function chartSection(dimensions: NonNullable<ScoreReport['maturity']>['dimensions']): HTMLElement {
  const chart = barChart(dimensions);
  const summary = chart.bars.map((b) => `${b.label} ${b.score}`).join(', ');
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${chart.width} ${chart.height}`,
      role: 'img',
      'aria-label': `Score per dimension: ${summary}`,
      class: 'chart',
      id: 'chart',
    },
    ...chart.ticks.map((t) => svg('line', { x1: t.x, x2: t.x, y1: 0, y2: chart.axisY, class: 'grid' })),
    ...chart.bars.map((b) => {
      const bar = svg('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx: 2, class: 'bar' });
      (bar as SVGElement & ElementCSSInlineStyle).style.setProperty('--bar-colour', `var(${b.colour})`);
      return svg(
        'g',
        { 'data-dimension': b.name },
        svg('text', { x: b.labelX, y: b.textY, class: 'label', 'text-anchor': 'end', 'dominant-baseline': 'central' }, b.label),
        svg('rect', { x: b.x, y: b.y, width: b.trackWidth, height: b.height, rx: 2, class: 'track' }),
        bar,
        svg('text', { x: b.valueX, y: b.textY, class: 'value', 'dominant-baseline': 'central' }, String(b.score)),
      );
    }),
    ...chart.ticks.map((t) => svg('text', { x: t.x, y: chart.axisY + 12, class: 'tick', 'text-anchor': 'middle' }, t.label)),
  );
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, 'Score per dimension (0 to 100)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Dimension'), h('th', { scope: 'col' }, 'Score'))),
    h('tbody', {}, ...chart.bars.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.label), h('td', {}, String(b.score))))),
  );
  return h(
    'section',
    { class: 'dimensions', 'aria-labelledby': 'dimensions-h' },
    h('h2', { id: 'dimensions-h' }, 'Dimensions'),
    picture,
    table,
  );
}

function adviceSection(dimensions: NonNullable<ScoreReport['maturity']>['dimensions']): HTMLElement {
  const items = adviceByDimension(dimensions);
  const body = items.length
    ? items.map((d) =>
        h(
          'div',
          { class: 'advice-group' },
          h('h3', {}, `${d.label} `, h('span', { class: 'muted' }, `${d.score} · up to +${d.headroom}`)),
          h(
            'ul',
            {},
            ...d.advice.map((a) =>
              h(
                'li',
                {},
                h('span', { class: 'gain badge', 'aria-label': `gains ${a.gain} points` }, `+${a.gain}`),
                ' ',
                ...codeSegments(a.text).map((s) => (s.code ? h('code', {}, s.text) : s.text)),
              ),
            ),
          ),
        ),
      )
    : [h('p', { class: 'muted' }, 'Every dimension is at 100: nothing to add.')];
  return h('section', { class: 'advice', 'aria-labelledby': 'advice-h' }, h('h2', { id: 'advice-h' }, 'How to raise it'), ...body);
}

function issuesSection(report: ScoreReport): HTMLElement {
  const groups = groupIssues(report.issues, report.pack.manifest);
  const body = groups.length
    ? groups.map((g) =>
        h(
          'div',
          { class: 'issue-group' },
          h('h3', {}, icon('file'), ` ${g.label} `, h('span', { class: 'muted' }, `(${issueCounts(g.issues)})`)),
          h(
            'ul',
            { class: 'issues' },
            ...g.issues.map((i) => {
              const where = issueLocation(i, report.pack.manifest);
              const link = h(
                'a',
                {
                  href: '#',
                  class: `issue ${i.severity}`,
                  'data-code': i.code,
                  'aria-label': `${i.severity} ${i.code}: ${i.message}${where ? `, at ${where}` : ''}. Open in the editor`,
                },
                icon(severityIcon(i.severity)),
                h('code', { class: 'code' }, i.code),
                h('span', { class: 'message' }, ...codeSegments(i.message).map((s) => (s.code ? h('code', {}, s.text) : s.text))),
                where ? h('span', { class: 'muted where' }, where) : null,
              );
              link.addEventListener('click', (ev) => {
                ev.preventDefault();
                void open(i.file, i.range);
              });
              return h('li', {}, link);
            }),
          ),
        ),
      )
    : [h('p', { class: 'muted' }, icon('pass'), ' No lint issues.')];
  return h(
    'section',
    { class: 'issues-section', 'aria-labelledby': 'issues-h' },
    h('h2', { id: 'issues-h' }, `Issues (${report.issues.length})`),
    h('div', { id: 'open-error', role: 'status' }),
    ...body,
  );
}

function renderError(error: WebviewError): void {
  replaceChildren(
    root,
    h('header', { class: 'head' }, h('div', { class: 'title' }, h('h1', {}, 'Pack Score')), toolbar()),
    h('p', { class: 'banner', role: 'alert', id: 'error' }, icon('error'), ` ${error.message}`),
  );
  root.setAttribute('aria-busy', 'false');
  afterPaint();
}

/** Tells the host once, after the first frame is on screen (the bench's first paint). */
function afterPaint(): void {
  if (paintedOnce) return;
  paintedOnce = true;
  requestAnimationFrame(() => void client.call('painted', {}));
}

async function load(): Promise<void> {
  const r = await client.call('load', {});
  if (r.ok) render(r.value);
  else renderError(r.error);
}

async function pick(): Promise<void> {
  const r = await client.call('pick', {});
  if (!r.ok) renderError(r.error);
  else if (r.value) render(r.value);
}

async function open(file: string | null, range: ScoreReport['issues'][number]['range']): Promise<void> {
  const r = await client.call('open', { file, range });
  const slot = document.getElementById('open-error');
  if (slot) replaceChildren(slot, r.ok ? null : h('p', { class: 'banner' }, icon('error'), ` ${r.error.message}`));
}

client.onEvent((e) => {
  if (e.event === 'report') render(e.report);
  else renderError(e.error);
});
void load();
