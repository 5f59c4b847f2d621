// Small packs in temp dirs for the generation tests: write files, load the manifest as a path pack.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadManifest } from '../../../engine/manifest/load';
import type { LoadedPack } from '../../../engine/registry/types';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'packs-'));
}

/** Write `files` (relative path → content) under a new temp dir and return it. */
export function writeTree(files: Record<string, string | Buffer>, dir = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export const header = (name = 'demo-pack', version = '1.0.0') =>
  `[metadata]\nname = "${name}"\nversion = "${version}"\ndescription = "A test pack"\ncategory = "custom"\n\n`;

/** A pack from a manifest body (after [metadata]) plus files. */
export function makePack(manifestBody: string, files: Record<string, string | Buffer> = {}, name = 'demo-pack'): LoadedPack {
  const dir = writeTree({ 'pack.toml': header(name) + manifestBody, ...files });
  return loadPack(dir);
}

export function loadPack(dir: string): LoadedPack {
  const loaded = loadManifest(dir);
  if (!loaded.manifest) throw new Error(`fixture manifest does not parse: ${JSON.stringify(loaded.issues)}`);
  const m = loaded.manifest;
  return { name: m.metadata.name, version: m.metadata.version, source: 'path', dir, installed: false, manifest: m, loaded };
}

export const localTemplate = (alias: string, path: string, extra = '') =>
  `[[templates]]\nalias = "${alias}"\n${extra}\n[templates.source]\ntype = "local"\npath = "${path}"\n\n`;

export const variable = (name: string, rest = '') => `[[variables]]\nname = "${name}"\ntype = "string"\n${rest}\n`;
