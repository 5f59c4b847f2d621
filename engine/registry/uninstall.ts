/**
 * `uninstallPack`: remove installed versions of a pack. Refuses when other installed packs still
 * depend on it (unless forced); then removes the dependencies that were installed only for it
 * (explicit = false and no longer required by anything left), unless asked to keep them.
 * One registry transaction (engine/registry/transaction.ts): the folders go aside into a staging
 * folder and the index is swapped, then the staging folder is deleted; a failure removes nothing.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { cacheDirFor } from '../config';
import { NotFoundError, ResolutionError } from '../errors';
import type { Move, RunMovesOptions } from '../fs/move-journal';
import { refreshStore } from './install';
import { type IndexEntry, readIndex } from './local-index';
import { packFolderName, packsDir } from './paths';
import { splitNameRange } from './resolve-arg';
import { normalizeRange } from './store';
import { runTransaction } from './transaction';
import type { PackStore } from './types';

export interface UninstallOptions {
  force?: boolean;
  keepDependencies?: boolean;
  /** Also delete the pack's downloads and cache entries. */
  purge?: boolean;
  dryRun?: boolean;
  log?: (message: string) => void;
  /** Tests only: runs before each move of the transaction; throwing fails that move, `'crash'` stops as a kill would. */
  beforeMove?: RunMovesOptions['beforeMove'] | undefined;
}

export interface UninstallResult {
  removed: { name: string; version: string; reason: 'requested' | 'unused dependency' }[];
  /** Dependents that still need a removed pack (only with --force). */
  brokenDependents: string[];
  purged: string[];
  dryRun: boolean;
}

const key = (e: { name: string; version: string }) => `${e.name}@${e.version}`;

/** Whether `e` needs some pack in `gone` that nothing in `left` can stand in for. */
function needs(e: IndexEntry, goneName: string, gone: IndexEntry[], left: IndexEntry[]): boolean {
  return e.dependencies.some(
    (d) =>
      d.name === goneName &&
      !d.optional &&
      gone.some((g) => g.name === goneName && satisfies(g.version, d.range || '*')) &&
      !left.some((l) => l.name === goneName && satisfies(l.version, d.range || '*')),
  );
}

/** Computes what to remove: the requested versions plus, unless kept, the dependencies left unused. */
function plan(entries: IndexEntry[], name: string, range: string, opts: UninstallOptions) {
  const requested = entries.filter((e) => e.name === name && satisfies(e.version, range, { includePrerelease: true }));
  type Removal = { entry: IndexEntry; reason: 'requested' | 'unused dependency' };
  const removed = new Map<string, Removal>(requested.map((e) => [key(e), { entry: e, reason: 'requested' }]));
  const left = () => entries.filter((e) => !removed.has(key(e)));
  const dependents = left()
    .filter((e) => needs(e, name, requested, left()))
    .map(key);
  if (!opts.keepDependencies) {
    // Only the closure of what is removed is a candidate: unrelated orphans are not ours to delete.
    for (let changed = true; changed;) {
      changed = false;
      const rest = left();
      const goneDeps = new Set([...removed.values()].flatMap((r) => r.entry.dependencies.map((d) => d.name)));
      for (const e of rest) {
        if (e.explicit || !goneDeps.has(e.name)) continue;
        const stillUsed = rest.some(
          (o) => o !== e && o.dependencies.some((d) => d.name === e.name && satisfies(e.version, d.range || '*')),
        );
        if (!stillUsed) {
          removed.set(key(e), { entry: e, reason: 'unused dependency' });
          changed = true;
        }
      }
    }
  }
  return { requested, removed: [...removed.values()], dependents };
}

/** Uninstalls `arg` (`name` or `name@range`; default: every installed version). */
export function uninstallPack(store: PackStore, arg: string, opts: UninstallOptions = {}): UninstallResult {
  const home = store.home;
  const log = opts.log ?? (() => {});
  const { name, range: r } = splitNameRange(arg);
  const range = normalizeRange(r);
  const before = plan(readIndex(home).packs, name, range, opts);
  if (before.requested.length === 0) {
    const available = store.versions(name).length > 0;
    throw new NotFoundError(`${name}${r ? `@${r}` : ''} is not installed`, {
      hint: available
        ? `It is available: \`ggen-pack install ${name}\` installs it.`
        : 'Run `ggen-pack list --installed` to see what is installed.',
    });
  }
  if (before.dependents.length && !opts.force) {
    throw new ResolutionError(
      `Cannot uninstall ${name}: ${before.dependents.join(', ')} depend${before.dependents.length === 1 ? 's' : ''} on it`,
      {
        hint: `Uninstall ${before.dependents.length === 1 ? 'that pack' : 'those packs'} first, or use --force to remove ${name} anyway.`,
      },
    );
  }
  const result = (p: typeof before, purged: string[], dryRun: boolean): UninstallResult => ({
    removed: p.removed.map((x) => ({ name: x.entry.name, version: x.entry.version, reason: x.reason })),
    brokenDependents: p.dependents,
    purged,
    dryRun,
  });
  if (opts.dryRun) return result(before, [], true);

  let done = before;
  try {
    runTransaction({
      home,
      action: `Uninstalling ${name}${r ? `@${r}` : ''}`,
      preposition: 'from',
      nothing: 'nothing was uninstalled',
      need: { files: [], dirs: 0, entries: 0 },
      plan: (entries, area) => {
        done = plan(entries, name, range, opts);
        if (done.removed.length === 0) return null;
        const moves: { move: Move; label: string }[] = [];
        for (const [i, x] of done.removed.entries()) {
          log(`removing ${key(x.entry)}${x.reason === 'requested' ? '' : ' (no longer needed)'}`);
          const dir = join(packsDir(home), packFolderName(x.entry.name, x.entry.version));
          if (existsSync(dir))
            moves.push({ move: { from: dir, to: join(area.staging, `old-${i}`), original: true }, label: `moving ${key(x.entry)} aside` });
        }
        const gone = new Set(done.removed.map((x) => key(x.entry)));
        return { moves, packs: entries.filter((e) => !gone.has(key(e))) };
      },
      beforeMove: opts.beforeMove,
    });
  } finally {
    refreshStore(store);
  }
  const purged = opts.purge
    ? purge(
        home,
        done.removed.map((x) => x.entry),
      )
    : [];
  refreshStore(store);
  return result(done, purged, false);
}

/** Deletes `$GGEN_HOME/downloads/<encoded name>@*` and `<cache>/<encoded name>@*` entries of the removed packs. */
function purge(home: string, removed: IndexEntry[]): string[] {
  const out: string[] = [];
  const prefixes = [...new Set(removed.map((e) => `${e.name.replace('/', '+')}@`))];
  for (const dir of [join(home, 'downloads'), cacheDirFor(home)]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (prefixes.some((p) => f.startsWith(p))) {
        rmSync(join(dir, f), { recursive: true, force: true });
        out.push(join(dir, f));
      }
    }
  }
  return out;
}
