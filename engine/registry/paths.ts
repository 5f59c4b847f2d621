/**
 * Naming on disk for the local registry (SPEC §10 "Sources"): one folder per name@version under
 * `$GGEN_HOME/packs`, scoped names encoded (`@acme/x` → `@acme+x@1.2.0`) so a name never creates a
 * sub-folder. Names and versions are checked before they become paths, so a hostile manifest
 * cannot make a folder outside the registry.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { valid as semverValid } from 'semver';
import { packsDirFor } from '../config';
import { PermissionError } from '../errors';

/** Kebab-case, optionally scoped; dots and underscores tolerated (lint reports style, not us). */
const NAME_RE = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

export function isValidPackName(name: string): boolean {
  return name.length > 0 && name.length <= 214 && NAME_RE.test(name) && !name.includes('..');
}

/** `$GGEN_HOME/packs`, or `GGEN_PACKS_DIR` (engine/config.ts packsDirFor). */
export function packsDir(home: string): string {
  return packsDirFor(home);
}

/** `$GGEN_HOME/packs/.lock`: the registry lock (engine/fs/lock.ts). */
export function lockFile(home: string): string {
  return join(packsDir(home), '.lock');
}

/** `$GGEN_HOME/packs/.journal.json`: the move journal of the registry change in progress (engine/registry/transaction.ts). */
export function journalFile(home: string): string {
  return join(packsDir(home), '.journal.json');
}

/**
 * Names of the registry's scratch entries carry the writer's pid, so the next reader can tell a live
 * writer's from a dead one's: `.tmp-<pid>-<hex>` (a transaction's staging folder, temp index files);
 * `.trash-<pid>-<hex>` was used by versions before 0.2 for folders being deleted.
 */
export const SCRATCH_PREFIXES = ['.tmp-', '.trash-'] as const;

/** A fresh scratch name in the registry (`.tmp-<pid>-<hex>`). */
export function scratchName(suffix = ''): string {
  return `.tmp-${process.pid}-${randomBytes(6).toString('hex')}${suffix}`;
}

/** The writer pid of a scratch name, or null when `name` is not one. */
export function scratchPid(name: string): number | null {
  const prefix = SCRATCH_PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return null;
  const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
  return pid > 0 ? pid : null;
}

/** Folder name of an installed pack: `@acme/x` + `1.2.0` → `@acme+x@1.2.0`. Throws on unsafe input. */
export function packFolderName(name: string, version: string): string {
  if (!isValidPackName(name)) {
    throw new PermissionError(`Pack name "${name}" cannot be stored in the registry`, {
      hint: 'A pack name is kebab-case (optionally scoped, "@scope/name") with no path separators.',
    });
  }
  if (!semverValid(version)) {
    throw new PermissionError(`Pack version "${version}" of ${name} is not a semver version`, {
      hint: 'Use a version such as 1.0.0 in [metadata].version.',
    });
  }
  return `${name.replace('/', '+')}@${version}`;
}

/** Inverse of packFolderName; null for folders that are not pack folders (temp, trash, files). */
export function parsePackFolderName(folder: string): { name: string; version: string } | null {
  if (folder.startsWith('.')) return null;
  const at = folder.lastIndexOf('@');
  if (at <= 0) return null;
  const name = folder.slice(0, at).replace('+', '/');
  const version = folder.slice(at + 1);
  if (!isValidPackName(name) || !semverValid(version)) return null;
  return { name, version };
}
