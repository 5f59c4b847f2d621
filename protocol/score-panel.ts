/**
 * The quality-score panel of one pack: the maturity score's eight dimensions with their advice, the
 * validation issues (each a link to its file and range) and the publish gate. The host pushes a new
 * report when a file of the pack is saved.
 */
import type { MaturityScore, Range, Severity } from './index';
import { type Guard, type Guards, isEmpty, isObject, isString, nullable, shape } from './webview';

export interface ScoreIssue {
  code: string;
  severity: Severity;
  message: string;
  /** Relative to the pack folder (`pack.toml`, `templates/a.txt`); null when the issue names no file of the pack. */
  file: string | null;
  /** 1-based, as the engine reports it. */
  range: Range | null;
}

export interface PublishGate {
  /** No check failed (warnings do not block `publish`). */
  passed: boolean;
  /** The maturity score must be strictly greater than this. */
  threshold: number;
  /** `runPublishChecks`' checks in its order: validation, maturity-score, readme, license-file, changelog, … */
  checks: { name: string; status: 'pass' | 'fail' | 'warn'; reason: string }[];
}

export interface ScoreReport {
  pack: { name: string; version: string; dir: string; /** The manifest's file name, `pack.toml` or `pack.yaml`. */ manifest: string };
  /** The maturity score (advice strings end with "(+N)", the points they gain); null when the manifest does not parse. */
  maturity: MaturityScore | null;
  /** The validation score (SPEC §6), next to the maturity score. */
  validation: number;
  /** Every issue of `validatePack`, in its order. */
  issues: ScoreIssue[];
  /** Would `publish` accept it; null when the manifest does not parse. */
  gate: PublishGate | null;
}

export interface ScorePanelApi {
  /** The report of the panel's pack, computed now (also the Refresh button). */
  load: { params: Record<string, never>; result: ScoreReport };
  /** Opens `file` (relative to the pack folder; null = the manifest) at `range` in an editor. */
  open: { params: { file: string | null; range: Range | null }; result: null };
  /** Asks the user for another pack and answers its report (null when the pick was dismissed). */
  pick: { params: Record<string, never>; result: ScoreReport | null };
  /** The webview rendered its first report or error (the host measures first paint for the bench). */
  painted: { params: Record<string, never>; result: null };
}

/** Host → webview: a fresh report (a file of the pack was saved), or why it could not be made. */
export type ScorePanelEvent = { event: 'report'; report: ScoreReport } | { event: 'error'; error: { code: string; message: string } };

/** What the webview keeps across a reload; the panel serializer rebuilds the panel from it. */
export interface ScorePanelState {
  dir: string;
  name: string;
}

const isLineOrColumn = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1;
const isPosition = shape<{ line: number; column: number }>({ line: isLineOrColumn, column: isLineOrColumn });
const isRange: Guard<Range> = shape<Range>({ start: isPosition, end: isPosition });
/** A relative path as the report gives it: non-empty, no NUL (the host still checks it stays inside the pack). */
const isRelativeFile: Guard<string> = (x): x is string => isString(x) && x.length > 0 && x.length < 4096 && !x.includes('\0');

export const SCORE_GUARDS: Guards<ScorePanelApi> = {
  load: isEmpty,
  open: shape<{ file: string | null; range: Range | null }>({ file: nullable(isRelativeFile), range: nullable(isRange) }),
  pick: isEmpty,
  painted: isEmpty,
};

/** The serializer's check of the state VS Code hands back (it was written by the webview: untrusted). */
export const isScorePanelState: Guard<ScorePanelState> = (x): x is ScorePanelState =>
  isObject(x) && isString(x.dir) && x.dir.length > 0 && isString(x.name);
