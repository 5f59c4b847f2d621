/**
 * Editor checks of a composition file (SPEC §4: `composition.yaml` / `.toml`): syntax, then for each
 * `packs[]` entry whether the pack exists in a registry and some version satisfies its range —
 * the same store lookups `compose` makes, reported with ranges instead of thrown.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseDocument } from 'yaml';
import { validRange } from 'semver';
import type { Issue } from '../../protocol';
import { firstLine } from '../errors';
import type { LoadedManifest } from '../manifest/load';
import { lineColumnAt } from '../manifest/line-index';
import { locate } from '../manifest/locate';
import type { PackStore } from '../registry/types';

/** Issues of the composition file `file` with text `text`. */
export function checkComposition(file: string, text: string, store: PackStore): Issue[] {
  const format = file.endsWith('.toml') ? 'toml' : 'yaml';
  let raw: unknown;
  if (format === 'toml') {
    try {
      raw = parseToml(text);
    } catch (err) {
      if (!(err instanceof TomlError)) throw err;
      return [syntax(file, err.message, err.line, err.column)];
    }
  } else {
    const doc = parseDocument(text, { prettyErrors: false });
    if (doc.errors.length) return doc.errors.map((e) => syntax(file, e.message, ...lineColumnAt(text, e.pos[0])));
    raw = doc.toJS();
  }
  // The locator only needs the text and format of a document.
  const located = { file, format, text, raw, manifest: null, issues: [] } as LoadedManifest;
  const packs = (raw as { packs?: unknown })?.packs;
  if (!Array.isArray(packs)) return [];
  const issues: Issue[] = [];
  packs.forEach((p, i) => {
    const name = typeof p === 'string' ? p : (p as { name?: unknown })?.name;
    const range = typeof (p as { version?: unknown })?.version === 'string' ? String((p as { version: string }).version) : '*';
    if (typeof name !== 'string') return;
    if (store.versions(name).length === 0) {
      issues.push({
        code: 'packs/dependency-not-found',
        severity: 'error',
        message: `Pack "${name}" is not in any registry`,
        file,
        range: locate(located, ['packs', i, 'name']),
      });
    } else if (validRange(range) === null) {
      issues.push({
        code: 'packs/invalid-range',
        severity: 'error',
        message: `"${range}" is not a semver range`,
        file,
        range: locate(located, ['packs', i, 'version']),
      });
    } else if (!store.find(name, range)) {
      const have = store
        .versions(name)
        .map((r) => r.version)
        .join(', ');
      issues.push({
        code: 'packs/dependency-unsatisfiable',
        severity: 'error',
        message: `No version of "${name}" satisfies ${range} (available: ${have})`,
        file,
        range: locate(located, ['packs', i, 'version']),
      });
    }
  });
  return issues;
}

/** A syntax issue reporting the first line of the parser's `message`. */
function syntax(file: string, message: string, line: number, column: number): Issue {
  return {
    code: 'packs/syntax',
    severity: 'error',
    message: `Syntax error: ${firstLine(message)}`,
    file,
    range: { start: { line, column }, end: { line, column: column + 1 } },
  };
}
