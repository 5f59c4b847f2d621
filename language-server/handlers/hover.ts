/**
 * textDocument/hover: schema docs for manifest keys; for a dependency its resolved version,
 * description and maturity score (engine/score); for a variable or query used in a template,
 * its declaration.
 */
import { type Hover, type HoverParams, MarkupKind } from 'vscode-languageserver';
import {
  dependencyHover,
  queryHover,
  schemaHover,
  variableHover,
  tagAt,
  tagVariable,
  type LoadedManifest,
  type KeyPath,
  scorePack,
} from '../../engine';
import { fileKind } from '../file-kind';
import type { PackState } from '../pack-state';

const md = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value } });

function valueAtFn(loaded: LoadedManifest) {
  return (p: KeyPath) =>
    p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), loaded.raw);
}

/** Hover text for a dependency `name` with `range`, from the registry store. */
export function dependencyInfo(state: PackState, name: string, range: string): string {
  const store = state.store();
  const rec = store.find(name, range);
  if (!rec)
    return dependencyHover(
      name,
      range,
      null,
      store.versions(name).map((r) => r.version),
    );
  let description = '';
  let score = null;
  try {
    const pack = store.load(rec);
    description = pack.manifest.metadata.description;
    score = scorePack(pack.manifest);
  } catch {
    /* an unreadable pack still shows its version */
  }
  return dependencyHover(name, range, { version: rec.version, source: rec.source, description, score }, []);
}

/** Handler of textDocument/hover. */
export function onHover(state: PackState) {
  return (params: HoverParams): Hover | null => {
    const at = state.cursor(params.textDocument.uri, params.position.line, params.position.character);
    if (!at) return null;
    const { file, root, text, offset } = at;
    const kind = fileKind(file, true);
    if (kind === 'manifest') {
      const found = state.manifestKeyAt(root, file, offset);
      if (!found) return null;
      const { loaded, hit } = found;
      const dep =
        hit.path[0] === 'dependencies' && typeof hit.path[1] === 'string'
          ? loaded.manifest?.dependencies.find((d) => d.name === hit.path[1])
          : undefined;
      if (dep) return md(dependencyInfo(state, dep.name, dep.version));
      const text = schemaHover(hit.path, valueAtFn(loaded));
      return text ? md(text) : null;
    }
    const manifest = state.lastGoodManifest(root)?.manifest;
    if (kind !== 'template' || !manifest) return null;
    const fm = frontMatterRef(text, offset);
    const tag = tagAt(text, offset);
    const name = fm?.name ?? (tag ? tagVariable(tag) : null);
    if (!name) return null;
    if (fm?.key === 'foreach' || name === 'queries') {
      const qn = fm?.key === 'foreach' ? name : tag!.name.split('.')[1];
      const q = manifest.queries.find((x) => x.name === qn);
      return q ? md(queryHover(q)) : null;
    }
    const v = manifest.variables.find((x) => x.name === name);
    return v ? md(variableHover(v)) : null;
  };
}

/** `foreach: x` / `when: !x` in front matter under the cursor. */
export function frontMatterRef(text: string, offset: number): { key: 'foreach' | 'when'; name: string; start: number } | null {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const le = text.indexOf('\n', offset);
  const line = text.slice(ls, le < 0 ? text.length : le);
  const m = /^(foreach|when):\s*(!?)\s*([\w-]+)/.exec(line);
  if (!m || !text.startsWith('---')) return null;
  const name = m[3]!; // group 3 (`[\w-]+`) always takes part in a match
  const start = ls + m[0].length - name.length;
  if (offset < start || offset > start + name.length) return null;
  return { key: m[1] as 'foreach' | 'when', name, start };
}
