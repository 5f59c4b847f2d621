/**
 * `init` for every front end: write the pack.toml inferred for an existing folder (an old one is kept
 * as `pack.toml.bak`) and say what was found and how it scores. The CLI verb and the extension's
 * `packs.init` only pick the folder, name and category and report the result.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MANIFEST_FILE, parseManifestText } from '../manifest/load';
import { scorePack } from '../score';
import { inferPack, type InferOptions } from './infer';

export interface InitResult {
  dir: string;
  /** The pack.toml written. */
  file: string;
  name: string;
  templates: { alias: string; path: string }[];
  /** Variables found in the templates (type string). */
  variables: string[];
  rdf: string[];
  queries: { name: string; path: string }[];
  /** From a licence file, if any. */
  license: string | null;
  score: { total: number; level: string };
}

export function initPack(dir: string, opts: InferOptions): InitResult {
  const inferred = inferPack(dir, opts);
  const file = join(dir, DEFAULT_MANIFEST_FILE);
  if (existsSync(file)) renameSync(file, `${file}.bak`);
  writeFileSync(file, inferred.text);
  const manifest = parseManifestText(inferred.text, 'toml', file).manifest;
  const score = manifest ? scorePack(manifest) : { total: 0, level: 'unknown' };
  return {
    dir,
    file,
    name: opts.name,
    templates: inferred.templates,
    variables: inferred.variables,
    rdf: inferred.rdfFiles,
    queries: inferred.queries,
    license: inferred.license,
    score: { total: score.total, level: score.level },
  };
}
