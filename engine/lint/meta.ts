/**
 * What a lint rule declares about itself and what a lint run is asked to do: the data the
 * LintContext needs. It depends on no other lint module, so context.ts and types.ts (the rule
 * contract, which needs the context) both import it and the dependency runs one way.
 */
import type { LintCategory, Severity } from '../../protocol';
import type { PackStore } from '../registry/types';
import type { ReadFile } from '../fs/read-once';

/** A rule's description of itself: id, defaults of its issues, and when it can run. */
export interface RuleMeta {
  /** The rule id; issues use `packs/<id>`. */
  id: string;
  /** Default severity of the rule's issues. */
  severity: Severity;
  /** Default validation-score category of the rule's issues. */
  category: LintCategory;
  description: string;
  /** True when (some of) its issues carry a fix. */
  fixable: boolean;
  /** Reads template or query files or parses their contents: skipped by the fast `check`. */
  needsFiles?: boolean;
  /** Needs the pack store (registry lookups): skipped when none is given. */
  needsStore?: boolean;
}

/** Options of a lint run. Both accept undefined (= absent) so callers can pass their own optional options through. */
export interface LintOptions {
  /** Registry access for dependency rules; without it those rules are skipped. */
  store?: PackStore | undefined;
  /** Only syntax, schema and cheap manifest rules (no template or query files). */
  fast?: boolean | undefined;
  /**
   * Reads a pack file's bytes (default: readFileSync). Generation passes one that shares its reads
   * with rendering, so validating a pack before generating it reads no template file twice.
   */
  readFile?: ReadFile | undefined;
  /**
   * Parse templates through Mustache's shared cache, which rendering uses too: generation's
   * validation then leaves every template parsed for its render. Off by default, because the
   * language server lints every keystroke and the cache never forgets a text.
   */
  sharedTemplateCache?: boolean | undefined;
}
