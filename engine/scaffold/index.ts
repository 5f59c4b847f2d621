/**
 * `create`: the files of a new pack, built from the small template functions beside this file,
 * and written atomically (into a temp folder next to the target, then renamed), so an interrupted
 * create never leaves half a pack behind.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ValidationError } from '../errors';
import { changelogText, mitLicenseText, readmeText } from './docs';
import { scaffoldManifest } from './manifest';
import { scaffoldRdfFiles, scaffoldTemplateFiles } from './templates';
import { titleOf } from './text';

export type ScaffoldKind = 'basic' | 'rdf';

export interface ScaffoldOptions {
  name: string;
  category: string;
  kind: ScaffoldKind;
  /** YYYY-MM-DD for the CHANGELOG entry and the licence year; defaults to today. */
  date?: string;
}

export const SCAFFOLD_VERSION = '0.1.0';

/** Every file of the new pack: relative path (forward slashes) → content; always with the manifest. */
export function scaffoldPack(opts: ScaffoldOptions): Record<string, string> & { 'pack.toml': string } {
  const rdf = opts.kind === 'rdf';
  const title = titleOf(opts.name);
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const description =
    `${title}: a ${opts.category} pack that generates a starter project (a README and a source file named after the project) from Mustache templates` +
    (rdf ? ', plus one documentation page per class of its RDF domain model.' : '.');
  const docs = { name: opts.name, title, description, version: SCAFFOLD_VERSION, date, rdf };
  return {
    'pack.toml': scaffoldManifest({ name: opts.name, title, description, category: opts.category, version: SCAFFOLD_VERSION, rdf }),
    'README.md': readmeText(docs),
    'CHANGELOG.md': changelogText(docs),
    LICENSE: mitLicenseText(date.slice(0, 4), `the ${title} authors`),
    ...scaffoldTemplateFiles(rdf),
    ...(rdf ? scaffoldRdfFiles(opts.name) : {}),
  };
}

/** Write `files` as a new folder `target`; refuses an existing path. Returns the written paths. */
export function writeNewFolder(target: string, files: Record<string, string>): string[] {
  if (existsSync(target)) {
    throw new ValidationError(`${target} already exists; create never overwrites a folder`, {
      hint: 'Choose another --name or --output, or run `ggen-pack init` inside an existing folder.',
    });
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.creating-${process.pid}`;
  try {
    for (const [rel, content] of Object.entries(files)) {
      const file = join(staging, ...rel.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return Object.keys(files).sort();
}
