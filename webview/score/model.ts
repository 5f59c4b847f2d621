/**
 * The score panel's pure parts (no DOM, unit-tested): the bar chart's geometry, the advice lines
 * with their point gains, the issues grouped per file and sorted, and the theme colour of a level
 * or a score. Colours are names of VS Code theme variables, so every theme paints them itself.
 */
import type { MaturityLevel, Range, ScoreDimension, Severity } from '../../protocol/index';
import type { ScoreIssue } from '../../protocol/score-panel';

// ---- colours ----------------------------------------------------------------------------------------

/** The theme variable a level is drawn in (the total's badge). */
export function levelColour(level: MaturityLevel): string {
  switch (level) {
    case 'Enterprise':
      return '--vscode-charts-green';
    case 'Production':
      return '--vscode-charts-blue';
    case 'Beta':
      return '--vscode-charts-yellow';
    case 'Experimental':
      return '--vscode-charts-red';
  }
}

/** The colour of a 0..100 score, on the levels' bands (a dimension's bar). */
export function scoreColour(score: number): string {
  if (score >= 90) return levelColour('Enterprise');
  if (score >= 70) return levelColour('Production');
  if (score >= 40) return levelColour('Beta');
  return levelColour('Experimental');
}

// ---- advice -----------------------------------------------------------------------------------------

export interface Advice {
  /** The advice without its "(+N)" suffix. */
  text: string;
  /** The points the dimension gains when it is followed; 0 when the line names none. */
  gain: number;
}

/** "Add a `title` (+5)" → { text: "Add a `title`", gain: 5 } (engine/score/arithmetic.ts `plus`). */
export function parseAdvice(line: string): Advice {
  const m = /\s*\(\+(\d+)\)\s*$/.exec(line);
  return m ? { text: line.slice(0, m.index), gain: Number(m[1]) } : { text: line.trim(), gain: 0 };
}

/** Advice or issue text split on backticks: the `quoted` names become code spans (rendered as text, never HTML). */
export function codeSegments(text: string): { text: string; code: boolean }[] {
  const out: { text: string; code: boolean }[] = [];
  const parts = text.split('`');
  // An odd number of backticks leaves the last one unpaired: keep it as a literal character.
  if (parts.length % 2 === 0) parts.splice(parts.length - 2, 2, `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`);
  parts.forEach((p, i) => {
    if (p) out.push({ text: p, code: i % 2 === 1 });
  });
  return out;
}

export interface DimensionAdvice {
  name: ScoreDimension;
  label: string;
  score: number;
  /** Biggest gain first (ties keep the engine's order). */
  advice: Advice[];
  /** Points this dimension can still gain (never past 100). */
  headroom: number;
}

/** The dimensions that have advice, the ones with most to gain first (ties in `score`'s order). */
export function adviceByDimension(dimensions: { name: ScoreDimension; score: number; advice: string[] }[]): DimensionAdvice[] {
  return dimensions
    .map((d, order) => {
      const advice = d.advice.map(parseAdvice).sort((a, b) => b.gain - a.gain);
      const headroom = Math.min(
        100 - d.score,
        advice.reduce((s, a) => s + a.gain, 0),
      );
      return { order, item: { name: d.name, label: dimensionLabel(d.name), score: d.score, advice, headroom } };
    })
    .filter((x) => x.item.advice.length > 0)
    .sort((a, b) => b.item.headroom - a.item.headroom || a.order - b.order)
    .map((x) => x.item);
}

export function dimensionLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// ---- chart ------------------------------------------------------------------------------------------

export interface ChartOptions {
  /** Width of the whole chart in SVG user units. */
  width: number;
  /** Room on the left for the dimension names, and on the right for the value. */
  labelWidth: number;
  valueWidth: number;
  barHeight: number;
  gap: number;
  /** Room at the bottom for the 0 / 50 / 100 axis labels. */
  axisHeight: number;
}

export const DEFAULT_CHART: ChartOptions = { width: 480, labelWidth: 110, valueWidth: 40, barHeight: 18, gap: 8, axisHeight: 18 };

export interface Bar {
  name: ScoreDimension;
  label: string;
  score: number;
  colour: string;
  /** The bar (0..score). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The track behind it (0..100). */
  trackWidth: number;
  /** Baselines of the name (right-aligned at labelX) and the value (left-aligned at valueX). */
  labelX: number;
  valueX: number;
  textY: number;
  /** What a screen reader says for the bar. */
  ariaLabel: string;
}

export interface Chart {
  width: number;
  height: number;
  bars: Bar[];
  ticks: { x: number; label: string }[];
  /** x of the axis (score 0) and its length (score 100). */
  x0: number;
  span: number;
  /** Bottom of the bars, top of the axis labels. */
  axisY: number;
}

/** Horizontal bars, one per dimension in the given order; scores outside 0..100 are clamped. */
export function barChart(dimensions: { name: ScoreDimension; score: number }[], opts: ChartOptions = DEFAULT_CHART): Chart {
  const x0 = opts.labelWidth;
  const span = opts.width - opts.labelWidth - opts.valueWidth;
  const bars = dimensions.map((d, i): Bar => {
    const score = Math.max(0, Math.min(100, d.score));
    const y = opts.gap / 2 + i * (opts.barHeight + opts.gap);
    const label = dimensionLabel(d.name);
    return {
      name: d.name,
      label,
      score: d.score,
      colour: scoreColour(score),
      x: x0,
      y,
      width: (span * score) / 100,
      height: opts.barHeight,
      trackWidth: span,
      labelX: x0 - 8,
      valueX: x0 + span + 6,
      textY: y + opts.barHeight / 2,
      ariaLabel: `${label}: ${d.score} of 100`,
    };
  });
  const axisY = opts.gap / 2 + dimensions.length * (opts.barHeight + opts.gap);
  return {
    width: opts.width,
    height: axisY + opts.axisHeight,
    bars,
    ticks: [0, 50, 100].map((v) => ({ x: x0 + (span * v) / 100, label: String(v) })),
    x0,
    span,
    axisY,
  };
}

// ---- issues -----------------------------------------------------------------------------------------

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface IssueGroup {
  /** The file the issues are in (null: not a file of the pack). */
  file: string | null;
  /** What the group's heading says. */
  label: string;
  issues: ScoreIssue[];
  counts: Record<Severity, number>;
}

/**
 * Issues per file — the manifest first, then the other files by name, issues without a file last —
 * each group sorted by severity (errors first), then position, then code.
 */
export function groupIssues(issues: ScoreIssue[], manifest: string): IssueGroup[] {
  const groups = new Map<string | null, ScoreIssue[]>();
  for (const i of issues) {
    const list = groups.get(i.file) ?? [];
    list.push(i);
    groups.set(i.file, list);
  }
  const rank = (f: string | null) => (f === manifest ? 0 : f === null ? 2 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a ?? '').localeCompare(b ?? '', 'en'))
    .map(([file, list]) => ({
      file,
      label: file ?? 'Pack',
      issues: [...list].sort(compareIssues),
      counts: {
        error: list.filter((i) => i.severity === 'error').length,
        warning: list.filter((i) => i.severity === 'warning').length,
        info: list.filter((i) => i.severity === 'info').length,
      },
    }));
}

function compareIssues(a: ScoreIssue, b: ScoreIssue): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    pos(a.range) - pos(b.range) ||
    (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
    a.code.localeCompare(b.code, 'en')
  );
}

const pos = (r: Range | null) => r?.start.line ?? 0;

/** "pack.toml:22:8", "pack.toml" without a range, "" for an issue of no file. */
export function issueLocation(issue: ScoreIssue, manifest: string): string {
  const file = issue.file ?? (issue.range ? manifest : '');
  if (!issue.range) return file;
  return `${file}:${issue.range.start.line}:${issue.range.start.column}`;
}

/** The codicon of a severity. */
export function severityIcon(severity: Severity): string {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'info';
}

/** "2 errors, 1 warning" (the issues heading; "No issues" when clean). */
export function issueCounts(issues: { severity: Severity }[]): string {
  const n = (s: Severity) => issues.filter((i) => i.severity === s).length;
  const parts = (
    [
      ['error', 'errors'],
      ['warning', 'warnings'],
      ['info', 'infos'],
    ] as const
  )
    .map(([s, plural]) => [n(s), s, plural] as const)
    .filter(([c]) => c > 0)
    .map(([c, one, many]) => `${c} ${c === 1 ? one : many}`);
  return parts.length ? parts.join(', ') : 'No issues';
}

// ---- publish gate -----------------------------------------------------------------------------------

const CHECK_LABELS: Record<string, string> = {
  validation: 'Validation',
  'maturity-score': 'Score',
  readme: 'README',
  'license-file': 'LICENSE',
  changelog: 'CHANGELOG entry',
  'license-metadata': 'License id',
  'version-unpublished': 'New version',
};

/** The short name a publish check gets on the gate line. */
export function checkLabel(name: string, threshold: number): string {
  if (name === 'maturity-score') return `Score > ${threshold}`;
  return CHECK_LABELS[name] ?? name;
}

export function checkIcon(status: 'pass' | 'fail' | 'warn'): string {
  return status === 'pass' ? 'pass' : status === 'fail' ? 'error' : 'warning';
}
