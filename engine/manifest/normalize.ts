/**
 * Raw parsed document (plain object from TOML or YAML) → typed `Manifest`. Tolerant: wrong shapes
 * become defaults here, because the schema check (and lint) report them as issues with ranges;
 * this function never throws on user input.
 */
import {
  canonicalOperator,
  CATEGORIES,
  type Category,
  type Condition,
  type ConditionOperator,
  type DependencyDef,
  type ExampleDef,
  type HookDef,
  HOOK_STAGES,
  type Manifest,
  type OutputFormat,
  type QueryDef,
  type QuerySource,
  type TemplateDef,
  type TemplateSource,
  type VariableDef,
  type VariableType,
  type VariableValue,
} from './model';
import { isObject } from '../util/is-object';
import { toText } from '../util/to-text';
import { coerceVariableValue } from './coerce';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isObject(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const bool = (v: unknown, d = false): boolean => (typeof v === 'boolean' ? v : d);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const strRecord = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, typeof x === 'string' ? x : String(x)]));

export function normalizeCategory(raw: string | undefined): Category {
  if (raw === 'dev-ops') return 'devops';
  return (CATEGORIES as readonly string[]).includes(raw ?? '') ? (raw as Category) : 'custom';
}

function templateSource(v: unknown): TemplateSource {
  const s = obj(v);
  switch (s.type) {
    case 'marketplace':
      return { type: 'marketplace', packageId: str(s.package_id) ?? '', version: str(s.version) ?? '*', template: str(s.template) };
    case 'remote':
      return { type: 'remote', url: str(s.url) ?? '', checksum: str(s.checksum) };
    case 'inline':
      return { type: 'inline', content: str(s.content) ?? '', format: 'single_file', to: str(s.to) ?? '' };
    default:
      return { type: 'local', path: str(s.path) ?? '' };
  }
}

function template(v: unknown, index: number): TemplateDef {
  const t = obj(v);
  const c = obj(t.config);
  return {
    alias: str(t.alias) ?? `template-${index + 1}`,
    priority: num(t.priority) ?? 100,
    explicitPriority: num(t.priority) !== undefined,
    outputPath: str(t.output_path),
    source: templateSource(t.source),
    config: {
      skipIfExists: bool(c.skip_if_exists),
      overwrite: bool(c.overwrite),
      merge: bool(c.merge),
      preserve: strs(c.preserve),
    },
    hasConfig: isObject(t.config),
    variables: strRecord(t.variables),
    conditions: arr(t.conditions).map((x): Condition => {
      const c2 = obj(x);
      return {
        variable: str(c2.variable) ?? '',
        operator: canonicalOperator(str(c2.operator) ?? 'equals') as ConditionOperator,
        value: c2.value === undefined ? '' : toText(c2.value),
      };
    }),
    index,
  };
}

function querySource(v: unknown): QuerySource {
  const s = obj(v);
  if (s.type === 'inline') return { type: 'inline', query: str(s.query) ?? '' };
  if (s.type === 'remote') return { type: 'remote', url: str(s.url) ?? '', checksum: str(s.checksum) };
  return { type: 'file', path: str(s.path) ?? '' };
}

function query(v: unknown, index: number): QueryDef {
  const q = obj(v);
  return {
    name: str(q.name) ?? '',
    description: str(q.description),
    source: querySource(q.source),
    outputPath: str(q.output_path),
    outputFormat: str(q.output_format) as OutputFormat | undefined,
    parameters: strRecord(q.parameters),
    timeout: num(q.timeout),
    priority: num(q.priority) ?? 100,
    index,
  };
}

function variable(v: unknown, index: number): VariableDef {
  const d = obj(v);
  const type = (str(d.type) ?? 'string') as VariableType;
  const val = obj(d.validation);
  const def: VariableDef = {
    name: str(d.name) ?? '',
    description: str(d.description),
    type,
    required: bool(d.required),
    prompt: str(d.prompt),
    examples: arr(d.examples) as VariableValue[],
    secret: bool(d.secret),
    values: Array.isArray(d.values) ? d.values.map(String) : undefined,
    validation: isObject(d.validation)
      ? {
          pattern: str(val.pattern),
          minLength: num(val.min_length),
          maxLength: num(val.max_length),
          min: num(val.min),
          max: num(val.max),
        }
      : undefined,
    index,
  };
  if (d.default !== undefined) {
    const coerced = coerceVariableValue(def, d.default as VariableValue);
    def.default = coerced.ok ? coerced.value : (d.default as VariableValue);
  }
  return def;
}

function dependencies(v: unknown): DependencyDef[] {
  return Object.entries(obj(v)).map(([name, spec]) =>
    typeof spec === 'string'
      ? { name, version: spec, optional: false }
      : { name, version: str(obj(spec).version) ?? '*', optional: bool(obj(spec).optional) },
  );
}

function hooks(v: unknown): HookDef[] {
  const out: HookDef[] = [];
  for (const stage of HOOK_STAGES) {
    for (const h of arr(obj(v)[stage])) {
      const o = obj(h);
      const common = { stage, name: str(o.name) ?? '', timeout: num(o.timeout), continueOnError: bool(o.continue_on_error) };
      out.push(
        o.type === 'command'
          ? { ...common, type: 'command', command: str(o.command) ?? '', args: strs(o.args), hasArgs: o.args !== undefined }
          : { ...common, type: 'builtin', function: str(o.function) ?? '' },
      );
    }
  }
  return out;
}

function example(v: unknown): ExampleDef {
  const e = obj(v);
  return {
    name: str(e.name) ?? '',
    description: str(e.description),
    command: str(e.command),
    variables: obj(e.variables) as Record<string, VariableValue>,
    expectedOutput: str(e.expected_output),
    estimatedTime: str(e.estimated_time),
  };
}

export function normalizeManifest(raw: unknown): Manifest {
  const r = obj(raw);
  const m = obj(r.metadata);
  const rdf = obj(r.rdf);
  const author = isObject(m.author) ? { name: str(m.author.name), email: str(m.author.email), url: str(m.author.url) } : undefined;
  return {
    metadata: {
      name: str(m.name) ?? '',
      version: str(m.version) ?? '',
      title: str(m.title),
      description: str(m.description) ?? '',
      category: normalizeCategory(str(m.category)),
      rawCategory: str(m.category),
      tags: strs(m.tags),
      license: str(m.license),
      repository: str(m.repository),
      homepage: str(m.homepage),
      minEngineVersion: str(m.min_engine_version),
      minGgenVersion: str(m.min_ggen_version),
      author,
    },
    excludes: strs(r.excludes),
    templates: arr(r.templates).map(template),
    rdf: { files: strs(rdf.files), prefixes: strRecord(rdf.prefixes) },
    queries: arr(r.queries).map(query),
    variables: arr(r.variables).map(variable),
    dependencies: dependencies(r.dependencies),
    hooks: hooks(r.hooks),
    examples: arr(r.examples).map(example),
  };
}
