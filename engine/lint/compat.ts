/**
 * `validate --with <pack>` (`--compatibility`): can two packs be generated together? Same variable
 * name with different types (error) or defaults (warning), templates writing the same paths,
 * dependency ranges that no version can satisfy together (directly, or through the resolver over
 * both closures when a store is given).
 * Issues point into the validated pack's manifest.
 */
import semver from 'semver';
import type { Issue } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import type { Manifest } from '../manifest/model';
import { ResolutionError } from '../errors';
import type { LoadedPack, PackStore } from '../registry/types';
import { resolveRequirements } from '../resolve';
import { LintContext } from './context';
import { scanTemplates } from './template-scan';

/** The other pack of `validate --with`: its name (for messages), folder and manifest. */
export interface OtherPack {
  name: string;
  dir: string;
  manifest: Manifest;
}

/** Options of `checkCompatibility`. */
export interface CompatibilityOptions {
  /** With a store, the two packs' dependency closures are resolved together (the resolver compose uses). */
  store?: PackStore | undefined;
}

const asPack = (manifest: Manifest, dir: string): LoadedPack => ({
  name: manifest.metadata.name,
  version: manifest.metadata.version,
  source: 'path',
  dir,
  installed: false,
  manifest,
});

/**
 * Why the two packs' dependency closures cannot be resolved together when each resolves alone (a
 * pack that does not resolve by itself is reported by its own lint), or null.
 */
function jointResolution(store: PackStore, a: LoadedPack, b: LoadedPack): string | null {
  const req = (p: LoadedPack) => ({ name: p.name, range: p.version, requirer: `${p.name}@${p.version}` });
  const fixed = [a, b];
  const fails = (packs: LoadedPack[]) => {
    try {
      resolveRequirements(store, packs.map(req), { fixed });
      return null;
    } catch (err) {
      if (err instanceof ResolutionError) return err.message;
      throw err;
    }
  };
  if (fails([a]) !== null || fails([b]) !== null) return null;
  return fails([a, b]);
}

function outputs(manifest: Manifest, dir: string, file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of scanTemplates(manifest, dir, file, () => null).files)
    if (f.output !== null && !out.has(f.output)) out.set(f.output, f.templateIndex);
  return out;
}

/** The issues that stop the pack in `packDir` from being generated together with `other` (category: what they are about). */
export function checkCompatibility(loaded: LoadedManifest, packDir: string, other: OtherPack, opts: CompatibilityOptions = {}): Issue[] {
  if (!loaded.manifest) return [];
  const ctx = new LintContext(loaded, packDir, {});
  const m = loaded.manifest;
  const issues: Issue[] = [];
  const add = (
    code: string,
    category: 'variables' | 'templates' | 'dependencies',
    message: string,
    path: (string | number)[],
    severity: 'error' | 'warning' = 'error',
  ) => {
    issues.push({ code: `packs/${code}`, severity, message, file: loaded.file, range: ctx.locate(path), category });
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
    } else if (o && 'default' in v && 'default' in o && JSON.stringify(v.default) !== JSON.stringify(o.default)) {
      add(
        'incompatible-variable',
        'variables',
        `Variable \`${v.name}\` defaults to ${JSON.stringify(v.default)} here but ${JSON.stringify(o.default)} in ${other.name}; generated together, both packs get one value`,
        ['variables', v.index, 'default'],
        'warning',
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
  if (opts.store && !issues.some((i) => i.code === 'packs/dependency-conflict') && m.metadata.name !== other.manifest.metadata.name) {
    const why = jointResolution(opts.store, asPack(m, packDir), asPack(other.manifest, other.dir));
    if (why) {
      add(
        'dependency-conflict',
        'dependencies',
        `${m.metadata.name}@${m.metadata.version} and ${other.name} cannot be resolved together: ${why}`,
        m.dependencies.length ? ['dependencies'] : ['metadata', 'name'],
      );
    }
  }
  return issues;
}
