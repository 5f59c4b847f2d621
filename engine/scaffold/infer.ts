/**
 * `init`: a pack.toml for an existing folder, inferred from its files. Templates come from the
 * top-level entries of `templates/` (or the folder itself), RDF files and SPARQL queries from their
 * extensions, and variables from the names the templates use — found with lint's own template
 * scanner, so every inferred variable is one `validate` would otherwise report as undeclared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { scanQuery } from '../lint/query-scan';
import { scanTemplates } from '../lint/template-scan';
import { parseManifestText } from '../manifest/load';
import { kebabCase, snakeCase, titleOf, tomlString } from './text';

export interface InferOptions {
  name: string;
  category: string;
}

export interface InferredPack {
  text: string;
  templates: { alias: string; path: string }[];
  variables: string[];
  rdfFiles: string[];
  queries: { name: string; path: string }[];
  license: string | null;
}

const RDF_EXT = new Set(['.ttl', '.nt', '.nq', '.trig']);
const QUERY_EXT = new Set(['.rq', '.sparql']);
const SKIP_DIRS = new Set(['.git', 'node_modules', '.packs']);

/** Infer the manifest of `dir` (nothing is written). */
export function inferPack(dir: string, opts: InferOptions): InferredPack {
  const templates = inferTemplates(dir);
  const underTemplates = templates[0] !== undefined && templates[0].path !== '.';
  const files = walk(dir).filter((f) => !(underTemplates && f.startsWith('templates/')));
  const rdfFiles = files.filter((f) => RDF_EXT.has(extname(f).toLowerCase()));
  const used = new Set<string>();
  const queries = files
    .filter((f) => QUERY_EXT.has(extname(f).toLowerCase()))
    .map((path) => {
      let name = snakeCase(basename(path, extname(path)));
      for (let i = 2; used.has(name); i++) name = `${snakeCase(basename(path, extname(path)))}_${i}`;
      used.add(name);
      return { name, path };
    });
  const license = detectLicense(dir);
  const head = manifestHead(opts, license, templates, rdfFiles, queries);
  const variables = inferVariables(dir, head);
  const text = head + (variables.length ? '\n' : '') + variables.map(variableBlock).join('').replace(/\n\n$/, '\n');
  return { text, templates, variables, rdfFiles, queries, license };
}

function inferTemplates(dir: string): { alias: string; path: string }[] {
  const tdir = join(dir, 'templates');
  if (!existsSync(tdir) || !statSync(tdir).isDirectory()) {
    return [{ alias: kebabCase(basename(dir)) || 'main', path: '.' }];
  }
  const seen = new Set<string>();
  return readdirSync(tdir, { withFileTypes: true })
    .filter((e) => (e.isDirectory() || e.isFile()) && !SKIP_DIRS.has(e.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => {
      const stem = e.isFile() ? e.name.replace(/\.mustache$/, '').replace(/\.[^.]+$/, '') : e.name;
      let alias = kebabCase(stem) || 'template';
      for (let i = 2; seen.has(alias); i++) alias = `${kebabCase(stem) || 'template'}-${i}`;
      seen.add(alias);
      return { alias, path: `templates/${e.name}` };
    });
}

/** Every file under `dir`, relative with forward slashes, sorted. */
function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...walk(dir, r));
    } else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

function detectLicense(dir: string): string | null {
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'COPYING'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return null;
  const text = readFileSync(file, 'utf8').slice(0, 4000);
  if (/MIT License|Permission is hereby granted, free of charge/i.test(text)) return 'MIT';
  if (/Apache License,?\s+Version 2\.0/i.test(text)) return 'Apache-2.0';
  if (/GNU GENERAL PUBLIC LICENSE\s+Version 3/i.test(text)) return 'GPL-3.0-only';
  if (/Mozilla Public License,? (Version|v\.) ?2\.0/i.test(text)) return 'MPL-2.0';
  if (/Permission to use, copy, modify, and\/or distribute this software/i.test(text)) return 'ISC';
  if (/Redistribution and use in source and binary forms/i.test(text))
    return /Neither the name/i.test(text) ? 'BSD-3-Clause' : 'BSD-2-Clause';
  return null;
}

function manifestHead(
  opts: InferOptions,
  license: string | null,
  templates: { alias: string; path: string }[],
  rdfFiles: string[],
  queries: { name: string; path: string }[],
): string {
  const title = titleOf(opts.name);
  const lines = [
    '# Written by `ggen-pack init` from the files of this folder: review the descriptions, then run',
    '# `ggen-pack validate .` and `ggen-pack score .`.',
    '[metadata]',
    `name = ${tomlString(opts.name)}`,
    'version = "0.1.0"',
    `title = ${tomlString(title)}`,
    `description = ${tomlString(`${title}: generates files from ${templates.length} template${templates.length === 1 ? '' : 's'}. Describe here what the pack produces and for whom.`)}`,
    `category = ${tomlString(opts.category)}`,
    license ? `license = ${tomlString(license)}` : '# license = "MIT"   # an SPDX id; required to publish',
    '',
  ];
  for (const t of templates) {
    lines.push('[[templates]]', `alias = ${tomlString(t.alias)}`, `source = { type = "local", path = ${tomlString(t.path)} }`, '');
  }
  if (rdfFiles.length) lines.push('[rdf]', `files = [${rdfFiles.map(tomlString).join(', ')}]`, '');
  for (const q of queries) {
    lines.push('[[queries]]', `name = ${tomlString(q.name)}`, `source = { type = "file", path = ${tomlString(q.path)} }`, '');
  }
  return lines.join('\n');
}

/** Names the templates use that are not query row fields, lambdas or row helpers, in first-use order. */
function inferVariables(dir: string, head: string): string[] {
  const file = join(dir, 'pack.toml');
  const loaded = parseManifestText(head, 'toml', file);
  if (!loaded.manifest) return [];
  const manifest = loaded.manifest;
  const fields = new Map(manifest.queries.map((q) => [q.name, scanQuery(q, loaded, dir).fields]));
  const scan = scanTemplates(manifest, dir, file, (name) => fields.get(name));
  const names: string[] = [];
  for (const ref of scan.varRefs) if (!names.includes(ref.name)) names.push(ref.name);
  return names;
}

function variableBlock(name: string): string {
  return [
    '[[variables]]',
    `name = ${tomlString(name)}`,
    `description = ${tomlString(`TODO: describe ${name.replace(/_/g, ' ')} (inferred from the templates)`)}`,
    'type = "string"',
    'required = true',
    '',
    '',
  ].join('\n');
}

/** `relative()` with forward slashes, for messages. */
export function displayPath(from: string, to: string): string {
  return relative(from, to).split(sep).join('/') || '.';
}
