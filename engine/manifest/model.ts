/**
 * The typed, normalized pack manifest (SPEC §2). `pack.toml` and `pack.yaml` both parse into this.
 * Normalization: aliases resolved (`min_ggen_version`, `dev-ops`), defaults filled (priority 100,
 * source type local, config flags false, enabled hooks), string defaults coerced to the declared type.
 * Everything downstream (lint, score, resolve, render) reads only this model plus the raw document
 * for source ranges.
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
  name?: string;
  email?: string;
  url?: string;
}

export interface Metadata {
  name: string;
  version: string;
  title?: string;
  description: string;
  /** Normalized: unknown categories become 'custom' (lint warns); "dev-ops" becomes "devops". */
  category: Category;
  /** The category exactly as written, for lint messages. */
  rawCategory?: string;
  tags: string[];
  license?: string;
  repository?: string;
  homepage?: string;
  /** Normalized from `min_engine_version` or its alias `min_ggen_version`. */
  minEngineVersion?: string;
  author?: Author;
}

export type TemplateSource =
  | { type: 'local'; path: string }
  | { type: 'marketplace'; packageId: string; version: string; template?: string }
  | { type: 'remote'; url: string; checksum?: string }
  | { type: 'inline'; content: string; format: 'single_file'; to: string };

export interface TemplateConfig {
  skipIfExists: boolean;
  overwrite: boolean;
  merge: boolean;
  preserve: string[];
}

export const CONDITION_OPERATORS = ['equals', 'not_equals', 'contains', 'starts_with', 'ends_with', 'matches'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

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
  outputPath?: string;
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
  { type: 'file'; path: string } | { type: 'inline'; query: string } | { type: 'remote'; url: string; checksum?: string };

export interface QueryDef {
  name: string;
  description?: string;
  source: QuerySource;
  outputPath?: string;
  outputFormat?: OutputFormat;
  /** Values are Mustache templates rendered from the variables, then bound as typed literals. */
  parameters: Record<string, string>;
  index: number;
}

export const VARIABLE_TYPES = ['string', 'integer', 'boolean', 'enum', 'list', 'object', 'path'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export type VariableValue = string | number | boolean | VariableValue[] | { [key: string]: VariableValue };

export interface VariableValidation {
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

export interface VariableDef {
  name: string;
  description?: string;
  type: VariableType;
  required: boolean;
  default?: VariableValue;
  prompt?: string;
  examples: VariableValue[];
  secret: boolean;
  /** For `enum`. */
  values?: string[];
  validation?: VariableValidation;
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
  | { stage: HookStage; name: string; type: 'builtin'; function: string; timeout?: number; continueOnError: boolean }
  | {
      stage: HookStage;
      name: string;
      type: 'command';
      command: string;
      args: string[];
      /** Seconds; default 300 when absent (lint warns that it is absent). */
      timeout?: number;
      continueOnError: boolean;
    };

export interface ExampleDef {
  name: string;
  description?: string;
  command?: string;
  variables: Record<string, VariableValue>;
  expectedOutput?: string;
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
