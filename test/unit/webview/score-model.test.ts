import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ScoreDimension } from '../../../protocol';
import type { ScoreIssue } from '../../../protocol/score-panel';
import { loadManifest, scorePack } from '../../../engine/index';
import {
  adviceByDimension,
  codeSegments,
  barChart,
  checkLabel,
  DEFAULT_CHART,
  groupIssues,
  issueCounts,
  issueLocation,
  levelColour,
  parseAdvice,
  scoreColour,
} from '../../../webview/score/model';

const NAMES: ScoreDimension[] = ['metadata', 'templates', 'queries', 'variables', 'dependencies', 'documentation', 'examples', 'hooks'];
const dims = (scores: number[]) => NAMES.map((name, i) => ({ name, score: scores[i] ?? 0, advice: [] as string[] }));

test('advice: the "(+N)" suffix becomes the gain, the rest the text', () => {
  assert.deepEqual(parseAdvice('Add a `title` to [metadata] (+5)'), { text: 'Add a `title` to [metadata]', gain: 5 });
  assert.deepEqual(parseAdvice('Describe 3 variables (+12)  '), { text: 'Describe 3 variables', gain: 12 });
  assert.deepEqual(parseAdvice('No gain named here'), { text: 'No gain named here', gain: 0 });
  assert.deepEqual(parseAdvice('(+3) in front is not a gain'), { text: '(+3) in front is not a gain', gain: 0 });
});

test("advice: every line the engine's score writes parses to a positive gain and a text without the suffix", () => {
  const loaded = loadManifest(join(import.meta.dirname, '../../extension/workspace/broken-pack'));
  const s = scorePack(loaded.manifest!);
  const lines = s.dimensions.flatMap((d) => d.advice);
  assert.ok(lines.length > 0, 'broken-pack has advice');
  for (const line of lines) {
    const a = parseAdvice(line);
    assert.ok(a.gain > 0, line);
    assert.doesNotMatch(a.text, /\(\+\d+\)/, line);
  }
});

test('advice: backticks become code segments; an unpaired one stays a character', () => {
  assert.deepEqual(codeSegments('Use `a` and `b`'), [
    { text: 'Use ', code: false },
    { text: 'a', code: true },
    { text: ' and ', code: false },
    { text: 'b', code: true },
  ]);
  assert.deepEqual(codeSegments('odd ` tick'), [{ text: 'odd ` tick', code: false }]);
  assert.deepEqual(codeSegments('`x` then ` y'), [
    { text: 'x', code: true },
    { text: ' then ` y', code: false },
  ]);
  assert.deepEqual(codeSegments(''), []);
});

test('advice per dimension: only dimensions with advice, most headroom first, gains sorted, headroom capped at 100', () => {
  const d = dims([95, 100, 40, 100, 100, 70, 100, 100]);
  d[0]!.advice = ['Add a title (+5)'];
  d[2]!.advice = ['Add a query (+20)', 'Describe it (+50)'];
  d[5]!.advice = ['Add a README (+15)', 'Add examples (+15)'];
  const a = adviceByDimension(d);
  assert.deepEqual(
    a.map((x) => [x.name, x.headroom]),
    [
      ['queries', 60],
      ['documentation', 30],
      ['metadata', 5],
    ],
  );
  assert.deepEqual(
    a[0]!.advice.map((x) => x.gain),
    [50, 20],
  );
  assert.equal(a[0]!.label, 'Queries');
});

test('chart: one bar per dimension, in order, widths proportional to the score, clamped to 0..100', () => {
  const c = barChart(dims([100, 50, 0, 25, 150, -5, 75, 90]));
  const span = DEFAULT_CHART.width - DEFAULT_CHART.labelWidth - DEFAULT_CHART.valueWidth;
  assert.equal(c.bars.length, 8);
  assert.deepEqual(
    c.bars.map((b) => b.name),
    NAMES,
  );
  assert.deepEqual(
    c.bars.map((b) => b.width),
    [span, span / 2, 0, span / 4, span, 0, (span * 3) / 4, (span * 9) / 10],
  );
  for (const b of c.bars) {
    assert.equal(b.x, DEFAULT_CHART.labelWidth);
    assert.equal(b.trackWidth, span);
    assert.ok(b.labelX < b.x && b.valueX > b.x + b.trackWidth, 'labels left of the track, values right of it');
    assert.ok(b.y + b.height <= c.axisY && c.axisY < c.height, 'bars above the axis, inside the picture');
  }
  // Rows do not overlap and keep the same pitch.
  for (let i = 1; i < c.bars.length; i++) assert.equal(c.bars[i]!.y - c.bars[i - 1]!.y, DEFAULT_CHART.barHeight + DEFAULT_CHART.gap);
  assert.deepEqual(
    c.ticks.map((t) => [t.x, t.label]),
    [
      [c.x0, '0'],
      [c.x0 + span / 2, '50'],
      [c.x0 + span, '100'],
    ],
  );
  assert.equal(c.bars[1]!.ariaLabel, 'Templates: 50 of 100');
  assert.equal(c.bars[4]!.score, 150, 'the label keeps the real number');
});

test('colours: levels and score bands map to theme chart colours', () => {
  assert.equal(levelColour('Enterprise'), '--vscode-charts-green');
  assert.equal(levelColour('Production'), '--vscode-charts-blue');
  assert.equal(levelColour('Beta'), '--vscode-charts-yellow');
  assert.equal(levelColour('Experimental'), '--vscode-charts-red');
  assert.deepEqual(
    [100, 90, 89, 70, 69, 40, 39, 0].map(scoreColour),
    ['green', 'green', 'blue', 'blue', 'yellow', 'yellow', 'red', 'red'].map((c) => `--vscode-charts-${c}`),
  );
});

const issue = (code: string, severity: ScoreIssue['severity'], file: string | null, line?: number, column = 1): ScoreIssue => ({
  code,
  severity,
  message: code,
  file,
  range: line ? { start: { line, column }, end: { line, column: column + 1 } } : null,
});

test('issues: grouped per file (manifest first, no-file last), errors first, then by position and code', () => {
  const groups = groupIssues(
    [
      issue('packs/b', 'warning', 'pack.toml', 22, 8),
      issue('packs/x', 'warning', 'templates/z.txt', 3),
      issue('packs/a', 'warning', 'pack.toml', 1, 2),
      issue('packs/c', 'error', 'pack.toml', 30),
      issue('packs/y', 'info', null),
      issue('packs/w', 'error', 'queries/a.rq', 9),
      issue('packs/aa', 'warning', 'pack.toml', 1, 2),
    ],
    'pack.toml',
  );
  assert.deepEqual(
    groups.map((g) => g.label),
    ['pack.toml', 'queries/a.rq', 'templates/z.txt', 'Pack'],
  );
  assert.deepEqual(
    groups[0]!.issues.map((i) => i.code),
    ['packs/c', 'packs/a', 'packs/aa', 'packs/b'],
  );
  assert.deepEqual(groups[0]!.counts, { error: 1, warning: 3, info: 0 });
  assert.equal(groups[3]!.file, null);
  assert.deepEqual(groupIssues([], 'pack.toml'), []);
});

test('issues: location text and counts', () => {
  assert.equal(issueLocation(issue('c', 'warning', 'pack.toml', 22, 8), 'pack.toml'), 'pack.toml:22:8');
  assert.equal(issueLocation(issue('c', 'warning', 'templates/a.txt'), 'pack.toml'), 'templates/a.txt');
  assert.equal(issueLocation(issue('c', 'warning', null, 3, 4), 'pack.yaml'), 'pack.yaml:3:4');
  assert.equal(issueLocation(issue('c', 'warning', null), 'pack.toml'), '');
  assert.equal(issueCounts([]), 'No issues');
  assert.equal(issueCounts([{ severity: 'warning' }]), '1 warning');
  assert.equal(
    issueCounts([{ severity: 'error' }, { severity: 'error' }, { severity: 'warning' }, { severity: 'info' }]),
    '2 errors, 1 warning, 1 info',
  );
});

test('publish gate labels', () => {
  assert.equal(checkLabel('maturity-score', 80), 'Score > 80');
  assert.equal(checkLabel('readme', 80), 'README');
  assert.equal(checkLabel('license-file', 80), 'LICENSE');
  assert.equal(checkLabel('changelog', 80), 'CHANGELOG entry');
  assert.equal(checkLabel('something-new', 80), 'something-new');
});
