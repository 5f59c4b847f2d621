/**
 * textDocument/definition: a template/query/RDF path → that file (a template folder → its first
 * file); a dependency → its installed or bundled manifest; a condition's variable, a variable used in
 * a template, `when:` → the `[[variables]]` declaration; `queries.x` / `foreach: x` → the query.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DefinitionParams, Location } from 'vscode-languageserver';
import { manifestPaths, tagAt, tagVariable, findManifestFile, type LoadedManifest, type KeyPath, locateExact } from '../../engine';
import { pathToUri, toLspRange } from '../convert';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';
import { frontMatterRef } from './hover';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function fileLocation(abs: string): Location | null {
  try {
    if (statSync(abs).isFile()) return { uri: pathToUri(abs), range: START };
    const first = firstFile(abs);
    return first ? { uri: pathToUri(first), range: START } : null;
  } catch {
    return null;
  }
}

function firstFile(dir: string): string | null {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isFile()) return join(dir, e.name);
  }
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      const f = firstFile(join(dir, e.name));
      if (f) return f;
    }
  }
  return null;
}

function declaration(loaded: LoadedManifest, path: KeyPath): Location | null {
  const at = locateExact(loaded, path);
  return at ? { uri: pathToUri(loaded.file), range: toLspRange(at.value) } : null;
}

/** Where variable `name` / query `q` is declared. */
export function variableDeclaration(loaded: LoadedManifest, name: string): Location | null {
  const v = loaded.manifest?.variables.find((x) => x.name === name);
  return v ? declaration(loaded, ['variables', v.index, 'name']) : null;
}

function queryDeclaration(loaded: LoadedManifest, name: string): Location | null {
  const q = loaded.manifest?.queries.find((x) => x.name === name);
  return q ? declaration(loaded, ['queries', q.index, 'name']) : null;
}

/** Handler of textDocument/definition. */
export function onDefinition(state: PackState) {
  return (params: DefinitionParams): Location | null => {
    const at = state.cursor(params.textDocument.uri, params.position.line, params.position.character);
    if (!at) return null;
    const { file, root, text, offset } = at;
    const kind = fileKind(file, true);
    if (kind === 'manifest') {
      const found = state.manifestKeyAt(root, file, offset);
      if (!found?.loaded.manifest) return null;
      const { loaded, hit } = found;
      const manifest = found.loaded.manifest;
      const id = JSON.stringify(hit.path);
      const p = manifestPaths(loaded).find((x) => JSON.stringify(x.keyPath) === id);
      if (p) return fileLocation(resolve(root, p.path));
      if (hit.path[0] === 'dependencies' && typeof hit.path[1] === 'string') {
        const dep = manifest.dependencies.find((d) => d.name === hit.path[1]);
        const rec = dep ? state.store().find(dep.name, dep.version) : null;
        const mf = rec ? findManifestFile(rec.dir) : null;
        return mf ? { uri: pathToUri(mf.file), range: START } : null;
      }
      const [a, , b, , c] = hit.path;
      if (a === 'templates' && b === 'conditions' && c === 'variable') {
        const v = manifest.templates[hit.path[1] as number]?.conditions[hit.path[3] as number]?.variable;
        return v ? variableDeclaration(loaded, v) : null;
      }
      return null;
    }
    if (kind !== 'template') return null;
    const loaded = state.lastGoodManifest(root);
    if (!loaded) return null;
    const fm = frontMatterRef(text, offset);
    if (fm) return fm.key === 'foreach' ? queryDeclaration(loaded, fm.name) : variableDeclaration(loaded, fm.name);
    const tag = tagAt(text, offset);
    const name = tag ? tagVariable(tag) : null;
    if (!name) return null;
    if (name === 'queries') return queryDeclaration(loaded, tag!.name.split('.')[1] ?? '');
    return variableDeclaration(loaded, name);
  };
}
