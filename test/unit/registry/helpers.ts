/** Test helpers: real pack folders in temp dirs. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'packs-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface FixturePack {
  name: string;
  version: string;
  deps?: Record<string, string | { version: string; optional?: boolean }>;
  description?: string;
  title?: string;
  category?: string;
  tags?: string[];
  templates?: string[];
  files?: Record<string, string>;
  /**
   * How the pack declares `project_name`, which its templates use (packs with templates only):
   * with a default (the default), or required. Generation refuses a pack that uses an undeclared variable.
   */
  projectName?: 'default' | 'required';
}

export function manifestToml(p: FixturePack): string {
  const lines = [
    '[metadata]',
    `name = ${JSON.stringify(p.name)}`,
    `version = ${JSON.stringify(p.version)}`,
    `title = ${JSON.stringify(p.title ?? p.name)}`,
    `description = ${JSON.stringify(p.description ?? `The ${p.name} pack for tests`)}`,
    `category = ${JSON.stringify(p.category ?? 'custom')}`,
    `tags = ${JSON.stringify(p.tags ?? [])}`,
    '',
  ];
  for (const alias of p.templates ?? []) {
    lines.push(
      '[[templates]]',
      `alias = ${JSON.stringify(alias)}`,
      '[templates.source]',
      'type = "local"',
      `path = "templates/${alias}"`,
      '',
    );
  }
  if (p.templates?.length)
    lines.push(
      '[[variables]]',
      'name = "project_name"',
      'type = "string"',
      p.projectName === 'required' ? 'required = true' : 'default = "demo"',
      '',
    );
  lines.push('[dependencies]');
  for (const [n, spec] of Object.entries(p.deps ?? {})) {
    lines.push(
      typeof spec === 'string'
        ? `${JSON.stringify(n)} = ${JSON.stringify(spec)}`
        : `${JSON.stringify(n)} = { version = ${JSON.stringify(spec.version)}, optional = ${Boolean(spec.optional)} }`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Writes a pack folder `<root>/<folder>` and returns its path. */
export function writePack(root: string, p: FixturePack, folder = `${p.name.replace('/', '+')}-${p.version}`): string {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pack.toml'), manifestToml(p));
  for (const alias of p.templates ?? []) {
    mkdirSync(join(dir, 'templates', alias), { recursive: true });
    writeFileSync(join(dir, 'templates', alias, 'README.md.mustache'), `# {{project_name}} ${alias}\n`);
  }
  for (const [rel, text] of Object.entries(p.files ?? {})) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** A bundled catalog folder with the given packs. */
export function makeCatalog(packs: FixturePack[]): string {
  const root = tempDir('packs-catalog-');
  for (const p of packs) writePack(root, p);
  return root;
}
