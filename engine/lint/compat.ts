/**
 * `validate --with <pack>`: can two packs be generated together? Same variable name with different
 * types, templates writing the same paths, dependency ranges that no version can satisfy together.
 * Issues point into the validated pack's manifest.
 */
import semver from 'semver';
import type { Issue } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import type { Manifest } from '../manifest/model';
import { LintContext } from './context';
import { scanTemplates } from './template-scan';

/** The other pack of `validate --with`: its name (for messages), folder and manifest. */
export interface OtherPack {
  name: string;
  dir: string;
  manifest: Manifest;
}

function outputs(manifest: Manifest, dir: string, file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of scanTemplates(manifest, dir, file, () => null).files)
    if (f.output !== null && !out.has(f.output)) out.set(f.output, f.templateIndex);
  return out;
}

/** The issues that stop the pack in `packDir` from being generated together with `other` (category: what they are about). */
export function checkCompatibility(loaded: LoadedManifest, packDir: string, other: OtherPack): Issue[] {
  if (!loaded.manifest) return [];
  const ctx = new LintContext(loaded, packDir, {});
  const m = loaded.manifest;
  const issues: Issue[] = [];
  const add = (code: string, category: 'variables' | 'templates' | 'dependencies', message: string, path: (string | number)[]) => {
    issues.push({ code: `packs/${code}`, severity: 'error', message, file: loaded.file, range: ctx.locate(path), category });
  };
  for (const v of m.variables) {
    const o = other.manifest.variables.find((x) => x.name === v.name);
    if (o && o.type !== v.type) {
      add(
        'incompatible-variable',
        'variables',
        `Variable \`${v.name}\` is ${v.type} here but ${o.type} in ${other.name}; the packs share one variable namespace`,
        ['variables', v.index, 'type'],
      );
    }
  }
  const theirs = outputs(other.manifest, other.dir, other.dir);
  for (const [path, t] of outputs(m, packDir, loaded.file)) {
    if (!theirs.has(path)) continue;
    add(
      'conflicting-output',
      'templates',
      `Template \`${m.templates[t]?.alias}\` writes ${path}, which ${other.name} (template \`${other.manifest.templates[theirs.get(path)!]?.alias}\`) also writes`,
      ['templates', t, 'source'],
    );
  }
  for (const d of m.dependencies) {
    const o = other.manifest.dependencies.find((x) => x.name === d.name);
    if (!o || semver.validRange(d.version) === null || semver.validRange(o.version) === null) continue;
    if (!semver.intersects(d.version, o.version)) {
      add(
        'dependency-conflict',
        'dependencies',
        `Dependency \`${d.name}\` ${d.version} conflicts with ${other.name}'s ${o.version}: no version satisfies both`,
        ['dependencies', d.name],
      );
    }
  }
  return issues;
}
