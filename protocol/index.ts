/**
 * Types shared across processes: the CLI's `--format json` envelope, the issues every checker emits,
 * and the pack summaries of list/search. The engine produces these values; the CLI prints them; the
 * language server and the extension (later) read them. Nothing here imports Node, VS Code or LSP.
 */

/** 1-based line and column (what humans and the CLI print). The LSP layer converts to 0-based. */
export interface Position {
  line: number;
  column: number;
}

/** A half-open source range: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** One text replacement; `range` null means "append at the end of the file". */
export interface TextEdit {
  range: Range | null;
  newText: string;
}

/** A fix an issue offers. `safe` fixes are the ones `lint --fix` applies without asking. */
export interface Fix {
  title: string;
  safe: boolean;
  /** Edits to `file` of the issue unless `file` is given here (e.g. create a CHANGELOG). */
  edits: TextEdit[];
  file?: string;
}

/** The validation-score categories (SPEC §6), in the order `validate` prints them. */
export const LINT_CATEGORIES = ['metadata', 'templates', 'queries', 'variables', 'dependencies', 'documentation'] as const;

/** The part of the validation score an issue counts against. */
export type LintCategory = (typeof LINT_CATEGORIES)[number];

/** A user mistake, as data: produced by the manifest parser, schema check, lint rules, variable validation. */
export interface Issue {
  /** Stable id, `packs/<rule>` (see README "Lint rules"). */
  code: string;
  severity: Severity;
  message: string;
  /** Path of the file the range refers to (relative to the pack root when inside a pack), or null. */
  file: string | null;
  range: Range | null;
  fix?: Fix;
  /**
   * The validation-score category the issue counts against. Every lint issue carries one (the
   * manifest loader's syntax issues count as `metadata`); an issue without it counts as `metadata`.
   */
  category?: LintCategory;
}

/** The single JSON document every verb prints with `--format json` (SPEC §10). */
export interface CliEnvelope<T = unknown> {
  ok: boolean;
  data: T | null;
  issues: Issue[];
  error: { code: string; message: string; hint: string | null } | null;
}

export type PackSourceKind = 'bundled' | 'local' | 'remote' | 'path';

/** The row list/search print, and the search panel shows. */
export interface PackSummary {
  name: string;
  version: string;
  title: string | null;
  description: string;
  category: string;
  tags: string[];
  source: PackSourceKind;
  installed: boolean;
  /** For a remote pack: the registry URL it comes from. */
  registry?: string;
}

/** What the manifest-scoring dimensions are called, in the order `score` prints them. */
export type ScoreDimension = 'metadata' | 'templates' | 'queries' | 'variables' | 'dependencies' | 'documentation' | 'examples' | 'hooks';

export type MaturityLevel = 'Experimental' | 'Beta' | 'Production' | 'Enterprise';

export interface MaturityScore {
  total: number;
  level: MaturityLevel;
  dimensions: { name: ScoreDimension; score: number; advice: string[] }[];
}
