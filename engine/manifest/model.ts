/**
 * The typed, normalized pack manifest (SPEC §2). `pack.toml` and `pack.yaml` both parse into this.
 * Normalization: aliases resolved (`dev-ops`, ggen's condition operator spellings), defaults filled (priority 100,
 * source type local, config flags false, enabled hooks), string defaults coerced to the declared type.
 * Everything downstream (lint, score, resolve, render) reads only this model plus the raw document
 * for source ranges. normalize.ts writes every key, so an optional field the manifest does not set is
 * present with the value undefined (hence `?: T | undefined`).
 */

export const CATEGORIES = [
  'startup',
  'devops',
  'frontend',
  'backend',
  'microservice',
  'data-engineering',
  'machine-learning',
  'monitoring',
  'documentation',
  'testing',
  'security',
  'custom',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Author {
  name?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
}

export interface Metadata {
  name: string;
  version: string;
  title?: string | undefined;
  description: string;
  /** Normalized: unknown categories become 'custom' (lint warns); "dev-ops" becomes "devops". */
  category: Category;
  /** The category exactly as written, for lint messages. */
  rawCategory?: string | undefined;
  tags: string[];
  license?: string | undefined;
  repository?: string | undefined;
  homepage?: string | undefined;
  /** `min_engine_version`: a semver range this engine's own version (ENGINE_VERSION) must satisfy. */
  minEngineVersion?: string | undefined;
  /**
   * `min_ggen_version`: a semver range of the ggen pack format (GGEN_PACK_FORMAT_VERSION, the design
   * version this engine implements). Not an alias of `minEngineVersion`; both may be present.
   */
  minGgenVersion?: string | undefined;
  author?: Author | undefined;
}

export type TemplateSource =
  | { type: 'local'; path: string }
  | { type: 'marketplace'; packageId: string; version: string; template?: string | undefined }
  | { type: 'remote'; url: string; checksum?: string | undefined }
  | { type: 'inline'; content: string; format: 'single_file'; to: string };

export interface TemplateConfig {
  skipIfExists: boolean;
  overwrite: boolean;
  merge: boolean;
  preserve: string[];
}

export const CONDITION_OPERATORS = ['equals', 'not_equals', 'contains', 'starts_with', 'ends_with', 'matches'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** ggen's spellings (serde `lowercase` of `NotEquals`, `StartsWith`, `EndsWith`), accepted and normalized. */
export const CONDITION_OPERATOR_ALIASES: Readonly<Record<string, ConditionOperator>> = {
  notequals: 'not_equals',
  startswith: 'starts_with',
  endswith: 'ends_with',
};

/** The canonical operator of `op` (an alias resolved); other strings are returned unchanged. */
export function canonicalOperator(op: string): string {
  return CONDITION_OPERATOR_ALIASES[op] ?? op;
}

export interface Condition {
  variable: string;
  operator: ConditionOperator;
  value: string;
}

export interface TemplateDef {
  alias: string;
  /** Lower runs first. Default 100. */
  priority: number;
  /** True when `priority` was written in the manifest (scoring counts explicit priorities). */
  explicitPriority: boolean;
  outputPath?: string | undefined;
  source: TemplateSource;
  config: TemplateConfig;
  /** True when a `[templates.config]` table was written (scoring counts it). */
  hasConfig: boolean;
  variables: Record<string, string>;
  conditions: Condition[];
  /** Index in the manifest's `[[templates]]` array (declaration order, ranges). */
  index: number;
}

export interface RdfSection {
  files: string[];
  prefixes: Record<string, string>;
}

export const OUTPUT_FORMATS = ['json', 'yaml', 'csv', 'xml', 'turtle', 'ntriples'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type QuerySource =
  { type: 'file'; path: string } | { type: 'inline'; query: string } | { type: 'remote'; url: string; checksum?: string | undefined };

export interface QueryDef {
  name: string;
  description?: string | undefined;
  source: QuerySource;
  outputPath?: string | undefined;
  outputFormat?: OutputFormat | undefined;
  /** Values are Mustache templates rendered from the variables, then bound as typed literals. */
  parameters: Record<string, string>;
  /** `timeout`: seconds the query may run (engine/rdf/run-queries.ts takes the larger of this and the configured limit). */
  timeout?: number | undefined;
  /** Run order: lower runs first, ties in declaration order. Default 100 (like templates). */
  priority: number;
  index: number;
}

export const VARIABLE_TYPES = ['string', 'integer', 'boolean', 'enum', 'list', 'object', 'path'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export type VariableValue = string | number | boolean | VariableValue[] | { [key: string]: VariableValue };

export interface VariableValidation {
  pattern?: string | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

export interface VariableDef {
  name: string;
  description?: string | undefined;
  type: VariableType;
  required: boolean;
  /** Absent (not undefined) when the manifest gives no default. */
  default?: VariableValue;
  prompt?: string | undefined;
  examples: VariableValue[];
  secret: boolean;
  /** For `enum`. */
  values?: string[] | undefined;
  validation?: VariableValidation | undefined;
  index: number;
}

export interface DependencyDef {
  name: string;
  /** Semver range. */
  version: string;
  optional: boolean;
}

export const HOOK_STAGES = ['pre_generation', 'post_generation', 'pre_template', 'post_template', 'on_error'] as const;
export type HookStage = (typeof HOOK_STAGES)[number];

export const BUILTIN_HOOKS = ['git-init', 'install-dependencies', 'format-code', 'run-tests', 'lint-code', 'generate-docs'] as const;

export type HookDef =
  | { stage: HookStage; name: string; type: 'builtin'; function: string; timeout?: number | undefined; continueOnError: boolean }
  | {
      stage: HookStage;
      name: string;
      type: 'command';
      /** As written. Without `args` it may be a command line (`npm install`): engine/hooks/commands.ts splits it. */
      command: string;
      args: string[];
      /** True when `args` was written (then `command` is the executable exactly as written, never split). */
      hasArgs: boolean;
      /** Seconds; default 300 when absent (lint warns that it is absent). */
      timeout?: number | undefined;
      continueOnError: boolean;
    };

export interface ExampleDef {
  name: string;
  description?: string | undefined;
  command?: string | undefined;
  variables: Record<string, VariableValue>;
  expectedOutput?: string | undefined;
  /** `estimated_time`: free text such as "8s" (ggen's design field; shown, never checked). */
  estimatedTime?: string | undefined;
}

export interface Manifest {
  metadata: Metadata;
  excludes: string[];
  templates: TemplateDef[];
  rdf: RdfSection;
  queries: QueryDef[];
  variables: VariableDef[];
  dependencies: DependencyDef[];
  hooks: HookDef[];
  examples: ExampleDef[];
}

/** Which file format a manifest came from. */
export type ManifestFormat = 'toml' | 'yaml';
