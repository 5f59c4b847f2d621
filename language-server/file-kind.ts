/**
 * Which of the server's document kinds a file is, by name and place (SPEC §10: no language id is
 * invented; VS Code selects by pattern). Template and query files only count inside a pack.
 */
import { basename } from 'node:path';
import { MANIFEST_FILES } from '../engine';

export type FileKind = 'manifest' | 'template' | 'query' | 'composition' | 'other';

const MANIFESTS = new Set<string>(MANIFEST_FILES);
const COMPOSITIONS = /^(composition|.*\.composition)\.(ya?ml|toml)$/;

/** The kind of `file` (an absolute path); `inPack` says whether a pack root encloses it. */
export function fileKind(file: string, inPack: boolean): FileKind {
  const name = basename(file);
  if (MANIFESTS.has(name)) return 'manifest';
  if (COMPOSITIONS.test(name)) return 'composition';
  if (!inPack) return 'other';
  if (name.endsWith('.mustache')) return 'template';
  if (/\.(rq|sparql)$/i.test(name)) return 'query';
  return 'other';
}

export const isManifestName = (file: string): boolean => MANIFESTS.has(basename(file));
