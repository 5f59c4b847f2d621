/** A small pack (and a bundled catalog holding its dependency) written to a temp dir for server tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const MANIFEST = `[metadata]
name = "demo-pack"
version = "1.0.0"
title = "Demo Pack"
description = "A demo pack for the language server tests: one template, one query"
category = "backend"
license = "MIT"

[[templates]]
alias = "api"

[templates.source]
type = "local"
path = "templates/api"

[rdf]
files = ["graphs/domain.ttl"]
prefixes = { ex = "https://example.org/" }

[[queries]]
name = "services"
description = "Every service"
source = { type = "file", path = "queries/services.rq" }

[[variables]]
name = "project_name"
description = "Project name"
type = "string"
required = true

[dependencies]
base-pack = "^1.0.0"
`;

export const TEMPLATE = 'Hello {{project_name}}\n{{#queries.services}}- {{name}}\n{{/queries.services}}\n';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

function basePack(version: string): string {
  return `[metadata]\nname = "base-pack"\nversion = "${version}"\ntitle = "Base"\ndescription = "The base pack every demo depends on, version ${version}"\ncategory = "backend"\nlicense = "MIT"\n`;
}

/** Creates { dir (the pack), home ($GGEN_HOME), bundled (catalog with base-pack 1.0.0 and 1.2.0) }. */
export function makeDemo(): { dir: string; home: string; bundled: string; manifest: string; template: string; query: string } {
  const root = mkdtempSync(join(tmpdir(), 'packs-'));
  const dir = join(root, 'demo-pack');
  write(dir, {
    'pack.toml': MANIFEST,
    'README.md': '# Demo Pack\n\nUsed by the language server tests.\n',
    LICENSE: 'MIT License\n',
    'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n\n- First release.\n',
    'templates/api/main.txt.mustache': TEMPLATE,
    'queries/services.rq': 'PREFIX ex: <https://example.org/>\nSELECT ?name WHERE { ?s ex:name ?name } ORDER BY ?name\n',
    'graphs/domain.ttl': '@prefix ex: <https://example.org/> .\nex:a ex:name "api" .\n',
  });
  const bundled = join(root, 'catalog');
  write(bundled, { 'base-1.0.0/pack.toml': basePack('1.0.0'), 'base-1.2.0/pack.toml': basePack('1.2.0') });
  const home = join(root, 'home');
  mkdirSync(home);
  return {
    dir,
    home,
    bundled,
    manifest: join(dir, 'pack.toml'),
    template: join(dir, 'templates/api/main.txt.mustache'),
    query: join(dir, 'queries/services.rq'),
  };
}

/** 0-based position of the end of the first occurrence of `needle` (or of `needle`'s `at` index). */
export function positionAfter(text: string, needle: string, at = needle.length): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, i + at);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
