/**
 * Editor checks of a composition file (SPEC §4: `composition.yaml` / `.toml`): the same syntax and
 * schema checks as loading it for `compose` / `plan` (engine/compose/composition-schema), then for
 * each `packs[]` entry whether the pack exists in a registry and some version satisfies its range —
 * the same store lookups `compose` makes, reported with ranges instead of thrown.
 */
import { validRange } from 'semver';
import type { Issue } from '../../protocol';
import { checkCompositionData, parseCompositionText } from '../compose/composition-schema';
import type { LoadedManifest } from '../manifest/load';
import { locate } from '../manifest/locate';
import type { PackStore } from '../registry/types';

/** Issues of the composition file `file` with text `text`. */
export function checkComposition(file: string, text: string, store: PackStore): Issue[] {
  const parsed = parseCompositionText(file, text);
  if (parsed.issues.length) return parsed.issues;
  const issues = checkCompositionData(parsed);
  const { raw, format } = parsed;
  // The locator only needs the text and format of a document.
  const located: LoadedManifest = { file, format, text, raw, manifest: null, issues: [] };
  const packs = (raw as { packs?: unknown } | null)?.packs;
  if (!Array.isArray(packs)) return issues;
  packs.forEach((p: unknown, i) => {
    const entry = p !== null && typeof p === 'object' ? (p as { name?: unknown; version?: unknown }) : {};
    const name = entry.name;
    const range = typeof entry.version === 'string' ? entry.version : '*';
    if (typeof name !== 'string' || !name.trim()) return; // the schema check reported it
    if (store.versions(name).length === 0) {
      issues.push({
        code: 'packs/dependency-not-found',
        severity: 'error',
        message: `Pack "${name}" is not in any registry`,
        file,
        range: locate(located, ['packs', i, 'name']),
      });
    } else if (validRange(range) !== null && !store.find(name, range)) {
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
