/**
 * Writes the generated parts of README.md from their single sources: the CLI reference from the verb
 * definitions, the lint-rule table from the rule registry, the manifest reference from
 * schemas/pack.schema.json. `--check` exits 1 when README.md is out of date (run by the tests).
 * Usage: node --import tsx scripts/gen-reference.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadAllVerbs } from '../engine/cli/verbs';
import { RULES } from '../engine/lint/rules';

const ROOT = resolve(__dirname, '..');
const README = resolve(ROOT, 'README.md');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

async function cliReference(): Promise<string> {
  const verbs = await loadAllVerbs();
  const out = [
    '## CLI reference',
    '',
    'Every verb takes `--format human|json|yaml` (plus `tree|dot` for `tree`), `--quiet` and `--verbose`.',
    'With `--format json` stdout is exactly one document, also on failure:',
    '`{ "ok": bool, "data": …, "issues": [Issue], "error": { "code", "message", "hint" } | null }`;',
    'an Issue is `{ code: "packs/<rule>", severity, message, file, range: { start: {line, column}, end } | null, category?, fix? }`',
    '(1-based lines and columns; `category` is the validation-score dimension the issue counts against: metadata, templates,',
    'queries, variables, dependencies or documentation). Human output goes to stdout, issues and progress to stderr; `NO_COLOR`',
    'turns colour off.',
    '',
    '| exit code | meaning |',
    '|---|---|',
    '| 0 | ok (warnings alone are ok unless `--strict`) |',
    '| 1 | internal error (a bug: please report it) |',
    '| 2 | bad arguments or validation failure |',
    '| 3 | dependency resolution failed (no version satisfies, cycle) |',
    '| 4 | generation failed, or files would be overwritten |',
    '| 5 | network |',
    '| 6 | permission denied, or a path escaping its root |',
    '| 7 | not found |',
    '| 8 | configuration: a bad `$GGEN_HOME/config.toml` or environment value |',
    '',
    'A `<pack>` argument containing a path separator or starting with `.` is a path; otherwise it is',
    '`name[@range]`, looked up in the local registry (`$GGEN_HOME/packs`, default `~/.ggen`) and the bundled catalog.',
    '',
  ];
  for (const v of verbs) {
    out.push(`### \`ggen-pack ${v.name}${v.args ? ' ' + v.args : ''}\``, '', `${v.summary}.`, '');
    if (v.options?.length) {
      out.push('| option | |', '|---|---|');
      for (const o of v.options) out.push(`| \`${o.flags}\` | ${cell(o.description)}${o.repeat ? ' (repeatable)' : ''} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** Issue codes not produced by a lint rule (kept here so the README lists every code a user can see). */
const OTHER_CODES: [string, string, string][] = [
  ['syntax', 'manifest parser', "TOML / YAML syntax error, at the parser's line and column"],
  ['duplicate-manifest', 'manifest loader', 'both pack.toml and pack.yaml exist (pack.toml is used)'],
  ['incompatible-variable', '`validate --with`', 'the same variable has different types in the two packs'],
  ['conflicting-output', '`validate --with`', 'both packs write the same output path'],
  ['dependency-conflict', '`validate --with`', "no version satisfies both packs' ranges for a shared dependency"],
  ['dependency-unsatisfiable', 'language server (composition files)', 'no version of a composed pack satisfies its range'],
  ['duplicate-pack', 'composition files', 'a pack listed twice in `packs` (list each pack once, with one range)'],
  ['bad-argument', '`generate`', 'a `--var` that is not `name=value`'],
  ['unknown-variable', '`generate`', 'a `--var` or vars-file entry that no pack declares (with "did you mean")'],
  ['missing-variable', '`generate`', 'a required variable without a value'],
  ['invalid-variable', '`generate`', 'a value that fails its type, enum, pattern, length or range'],
  ['variable-type-clash', '`generate`', 'two packs of one generation declare a variable with different types'],
  ['rdf-syntax', '`generate`', 'an RDF data file that does not parse, at its line'],
  ['conflict', '`generate`', 'an existing file would be overwritten (nothing is written; use `--overwrite`)'],
  ['internal', 'lint', 'a lint rule crashed (a bug: please report it)'],
];

function lintRules(): string {
  const out = [
    '## Lint rules',
    '',
    '`ggen-pack lint`, `validate`, `check` and the language server run the same rules. Issue codes are',
    '`packs/<id>`; ✓ in *fix* means the issue carries a fix (`lint --fix` applies the safe ones; the editor offers all).',
    '`check` runs only the rules that need no template or query files; rules needing the registry run when it is available.',
    'The validation score is the mean over the six categories of max(0, 100 − 20·errors − 5·warnings).',
    '',
    '| code | severity | category | fix | what it finds |',
    '|---|---|---|---|---|',
  ];
  for (const r of RULES) {
    out.push(
      `| \`packs/${r.meta.id}\` | ${r.meta.severity} | ${r.meta.category} | ${r.meta.fixable ? '✓' : ''} | ${cell(r.meta.description)} |`,
    );
  }
  out.push('', 'Issue codes that come from other checks than the lint rules:', '', '| code | from | what it finds |', '|---|---|---|');
  for (const [code, from, what] of OTHER_CODES) out.push(`| \`packs/${code}\` | ${from} | ${what} |`);
  return out.join('\n');
}

type SchemaNode = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  allOf?: { then?: SchemaNode }[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
  $ref?: string;
};

function manifestReference(): string {
  const schema = JSON.parse(readFileSync(resolve(ROOT, 'schemas/pack.schema.json'), 'utf8')) as SchemaNode & {
    definitions?: Record<string, SchemaNode>;
  };
  const deref = (n: SchemaNode): SchemaNode => {
    if (!n.$ref) return n;
    const target = schema.definitions?.[n.$ref.split('/').pop() ?? ''];
    if (!target) throw new Error(`unresolved schema $ref: ${n.$ref}`);
    return deref(target);
  };
  const rows: string[] = [];
  const seen = new Set<string>();
  const visit = (node: SchemaNode, path: string) => {
    node = deref(node);
    const props: Record<string, SchemaNode> = { ...(node.properties ?? {}) };
    for (const branch of [...(node.allOf ?? []).map((a) => a.then ?? {}), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
      for (const [k, v] of Object.entries(deref(branch).properties ?? {})) if (!props[k] || !props[k].description) props[k] = v;
    }
    for (const [key, raw] of Object.entries(props)) {
      const child = deref(raw);
      const full = path ? `${path}.${key}` : key;
      if (seen.has(full)) continue;
      seen.add(full);
      const type = child.type ? [child.type].flat().join(' \\| ') : child.enum ? 'enum' : child.anyOf || child.oneOf ? 'see text' : '';
      const values = child.enum ? ` One of: ${child.enum.map((e) => `\`${String(e)}\``).join(', ')}.` : '';
      rows.push(`| \`${full}\` | ${type} | ${cell((child.description ?? '') + values)} |`);
      if (child.type === 'object' || child.properties) visit(child, full);
      if (child.items) visit(child.items, `${full}[]`);
    }
  };
  visit(schema, '');
  return [
    '## pack.toml reference',
    '',
    'Generated from `schemas/pack.schema.json`, the single source for validation, completion and hover',
    '(also contributed to Even Better TOML). `pack.yaml` has the same model; if both exist `pack.toml` wins.',
    'Template rules: only files ending `.mustache` are rendered (the suffix is dropped); everything else is copied',
    'byte for byte; every relative path is itself a template; a `.mustache` file may start with YAML front matter',
    '(`to`, `when`, `skip_if_exists`, `foreach: <query>`). Output is not HTML-escaped except in `.html`/`.htm`.',
    'Lambdas: `pascal_case`, `camel_case`, `snake_case`, `kebab_case`, `upper`, `lower`. Query rows reach templates as',
    '`{{#queries.<name>}}…{{/queries.<name>}}`; rows and list items carry `_index`, `_first`, `_last`.',
    '',
    '| key | type | meaning |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

function replaceSection(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker} -->`;
  const end = `<!-- /${marker} -->`;
  const block = `${start}\n${body}\n${end}`;
  if (text.includes(end)) return text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block);
  if (text.includes(start)) return text.replace(start, () => block);
  throw new Error(`README.md has no ${start} marker`);
}

async function main() {
  const before = readFileSync(README, 'utf8');
  let after = replaceSection(before, 'CLI-REFERENCE', await cliReference());
  after = replaceSection(after, 'LINT-RULES', lintRules());
  after = replaceSection(after, 'MANIFEST-REFERENCE', manifestReference());
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('README.md is out of date: run `node --import tsx scripts/gen-reference.ts`');
      process.exit(1);
    }
    return;
  }
  writeFileSync(README, after);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
