/**
 * `<pack|path>` arguments (SPEC §10): anything containing a path separator or starting with `.` is
 * a path to a pack folder (a scoped name such as `@acme/x` is a name unless such a folder exists);
 * everything else is `name[@range]`, found across the sources.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { engineConfig } from '../config';
import { NotFoundError, ValidationError } from '../errors';
import { loadManifest } from '../manifest/load';
import { isValidPackName } from './paths';
import { normalizeRange } from './store';
import { notFoundHint } from './suggest';
import type { LoadedPack, PackStore } from './types';

/** True when `arg` names a folder rather than a pack. */
export function isPathArg(arg: string, cwd: string): boolean {
  if (arg.startsWith('.') || arg === '~' || arg.startsWith('~/')) return true;
  if (!/[\\/]/.test(arg)) return false;
  if (arg.startsWith('@') && isValidPackName(splitNameRange(arg).name)) return existsSync(resolve(cwd, arg));
  return true;
}

/** `name@range` → parts; the leading `@` of a scope is not a separator. */
export function splitNameRange(arg: string): { name: string; range?: string } {
  const at = arg.lastIndexOf('@');
  if (at <= 0) return { name: arg };
  return { name: arg.slice(0, at), range: arg.slice(at + 1) };
}

/**
 * The pack `arg` denotes. `range` is the verb's `--version`; giving it together with `name@range`
 * is a ValidationError (exit 2). Throws NotFoundError (exit 7) with a "did you mean".
 */
export function resolvePackArg(store: PackStore, cwd: string, arg: string, range?: string): LoadedPack {
  if (isPathArg(arg, cwd)) {
    const dir = resolve(cwd, arg.startsWith('~') ? arg.replace(/^~/, engineConfig().userHome) : arg);
    if (!existsSync(dir)) throw new NotFoundError(`No pack folder at ${dir}`, { hint: 'Check the path, or give a pack name instead.' });
    const loaded = loadManifest(dir);
    if (!loaded.manifest) {
      throw new ValidationError(`The manifest ${loaded.file} does not parse`, {
        issues: loaded.issues,
        hint: 'Fix the syntax error and try again.',
      });
    }
    const m = loaded.manifest;
    return { name: m.metadata.name, version: m.metadata.version, source: 'path', dir, installed: false, manifest: m, loaded };
  }
  const parts = splitNameRange(arg);
  if (parts.range !== undefined && range !== undefined) {
    throw new ValidationError(`Both "${arg}" and --version ${range} select a version; give only one`, {
      hint: `Use \`${parts.name}@${parts.range}\` or \`${parts.name} --version ${range}\`.`,
    });
  }
  const wanted = normalizeRange(parts.range ?? range);
  const rec = store.find(parts.name, wanted);
  if (!rec) {
    const known = store.versions(parts.name);
    const [example] = known;
    if (example) {
      throw new NotFoundError(`No version of ${parts.name} satisfies ${wanted}; available: ${known.map((k) => k.version).join(', ')}`, {
        hint: `Ask for one of the available versions, e.g. \`${parts.name}@${example.version}\`.`,
      });
    }
    throw new NotFoundError(`Pack "${parts.name}" not found in any source`, { hint: notFoundHint(store, parts.name) });
  }
  return store.load(rec);
}
