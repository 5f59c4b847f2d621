/**
 * `installPack`: resolve a pack and its dependency closure, copy every pack that is not yet in the
 * local registry into it (staging folder → rename), and record them in the index under the lock.
 * The requested pack is recorded as explicit, the others as dependencies (an explicit flag already
 * set is kept).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../errors';
import { resolveGraph } from '../resolve';
import { discardFolder, stagePack } from './copy-pack';
import { entryFromManifest, type IndexEntry, updateIndex } from './local-index';
import { packFolderName, packsDir } from './paths';
import { isPathArg, resolvePackArg, splitNameRange } from './resolve-arg';
import { normalizeRange } from './store';
import { notFoundHint } from './suggest';
import type { LoadedPack, PackStore, SourceFilter } from './types';

// force, dryRun and log accept undefined (= the default): import and update pass their own options through.
export interface InstallOptions {
  force?: boolean | undefined;
  noDependencies?: boolean;
  dryRun?: boolean | undefined;
  /** Where the requested pack may come from (dependencies come from any source). */
  source?: SourceFilter;
  /** Base for a path argument (default process.cwd()). */
  cwd?: string;
  log?: ((message: string) => void) | undefined;
  /** Where the index says the pack came from (default: its source, e.g. `bundled`, `path:<dir>`). */
  from?: string;
  /** Record the requested pack as a dependency install rather than an explicit one (bundle import). */
  asDependency?: boolean;
}

export interface InstallStep {
  name: string;
  version: string;
  /** Where the pack comes from: bundled, local (already there), path:<dir>. */
  from: string;
  /** Folder in the local registry. */
  dir: string;
  action: 'install' | 'reinstall' | 'skip';
  /** Recorded as installed by the user (true) or as a dependency (false). */
  explicit: boolean;
  integrity: string | null;
  reason?: string;
}

export interface InstallResult {
  pack: { name: string; version: string };
  steps: InstallStep[];
  warnings: string[];
  dryRun: boolean;
}

/** Drops a RegistryStore's cached reads after a write (other PackStores have none). */
export function refreshStore(store: PackStore): void {
  const s = store as PackStore & { refresh?: () => void };
  if (typeof s.refresh === 'function') s.refresh();
}

function fromLabel(p: LoadedPack): string {
  return p.source === 'path' ? `path:${p.dir}` : p.source;
}

/** A step that keeps the copy already in the local registry. */
function skipStep(p: LoadedPack, dir: string, explicit: boolean, reason: string): InstallStep {
  return { name: p.name, version: p.version, from: 'local', dir, action: 'skip', explicit, integrity: null, reason };
}

/** Find the requested pack: a path, or name[@range] within `source`. */
function findRoot(store: PackStore, name: string, range: string | undefined, opts: InstallOptions): LoadedPack {
  const cwd = opts.cwd ?? process.cwd();
  if (isPathArg(name, cwd) || !opts.source || opts.source === 'all') return resolvePackArg(store, cwd, name, range);
  const parts = splitNameRange(name);
  const rec = store.find(parts.name, normalizeRange(parts.range ?? range), opts.source);
  if (!rec)
    throw new NotFoundError(`Pack "${parts.name}" (${parts.range ?? range ?? '*'}) not found in the ${opts.source} source`, {
      hint: notFoundHint(store, parts.name),
    });
  return store.load(rec);
}

/**
 * Installs `name` (a pack name, `name@range`, or a path) with its dependency closure into the
 * local registry of `store.home`. Throws NotFoundError, ResolutionError, PermissionError (a pack
 * whose files escape it), ValidationError (bad range).
 */
// Async by contract: front ends await it, and fetching from remote registries (the distribution issue) is async.
// eslint-disable-next-line @typescript-eslint/require-await
export async function installPack(
  store: PackStore,
  name: string,
  range: string | undefined,
  opts: InstallOptions = {},
): Promise<InstallResult> {
  const log = opts.log ?? (() => {});
  const root = findRoot(store, name, range, opts);
  const graph = opts.noDependencies ? { packs: [root], warnings: [] } : resolveGraph(store, root);
  const home = store.home;
  const steps: InstallStep[] = [];
  const work: { step: InstallStep; pack: LoadedPack }[] = [];
  for (const p of graph.packs) {
    const isRoot = p === root || (p.name === root.name && p.version === root.version);
    const dir = join(packsDir(home), packFolderName(p.name, p.version));
    const there = existsSync(dir);
    const explicit =
      (isRoot && !opts.asDependency) || Boolean(store.versions(p.name, 'local').find((r) => r.version === p.version)?.explicit);
    if (there && !(isRoot && opts.force)) {
      steps.push(skipStep(p, dir, explicit, 'already installed'));
      continue;
    }
    // Reinstalling from the installed copy itself would delete the source: take the catalog copy if any.
    let src = p;
    if (p.source === 'local') {
      const other = store.versions(p.name).find((r) => r.version === p.version && r.source !== 'local');
      if (!other) {
        steps.push(skipStep(p, dir, explicit, 'already installed; no other source to reinstall from'));
        continue;
      }
      src = store.load(other);
    }
    const from = isRoot && opts.from ? opts.from : fromLabel(src);
    const step: InstallStep = {
      name: p.name,
      version: p.version,
      from,
      dir,
      action: there ? 'reinstall' : 'install',
      explicit,
      integrity: null,
    };
    steps.push(step);
    work.push({ step, pack: src });
  }
  if (opts.dryRun) return { pack: { name: root.name, version: root.version }, steps, warnings: graph.warnings, dryRun: true };

  const staged: { step: InstallStep; pack: LoadedPack; tmp: string }[] = [];
  try {
    for (const w of work) {
      log(`${w.step.action === 'reinstall' ? 'reinstalling' : 'installing'} ${w.pack.name}@${w.pack.version} from ${w.step.from}`);
      const s = stagePack(home, w.pack.dir, w.pack.manifest.excludes);
      w.step.integrity = s.integrity;
      staged.push({ ...w, tmp: s.tmp });
    }
    const now = new Date().toISOString();
    const explicitRoot = !opts.asDependency && steps.find((s) => s.action === 'skip' && s.name === root.name && s.version === root.version);
    updateIndex(home, (entries) => {
      const byKey = new Map(entries.map((e) => [`${e.name}@${e.version}`, e]));
      for (const s of staged) {
        const key = `${s.pack.name}@${s.pack.version}`;
        const prev = byKey.get(key);
        if (existsSync(s.step.dir)) {
          if (s.step.action === 'install' && prev) {
            // Another process installed it meanwhile: keep theirs.
            rmSync(s.tmp, { recursive: true, force: true });
            s.step.action = 'skip';
            s.step.reason = 'installed concurrently by another process';
            byKey.set(key, { ...prev, explicit: prev.explicit || s.step.explicit });
            continue;
          }
          discardFolder(home, s.step.dir);
        }
        renameSync(s.tmp, s.step.dir);
        const entry: IndexEntry = entryFromManifest(s.pack.manifest, {
          integrity: s.step.integrity!,
          explicit: s.step.explicit || Boolean(prev?.explicit),
          from: s.step.from,
          installedAt: now,
        });
        byKey.set(key, entry);
      }
      if (explicitRoot) {
        const prev = byKey.get(`${root.name}@${root.version}`);
        if (prev && !prev.explicit) byKey.set(`${root.name}@${root.version}`, { ...prev, explicit: true });
      }
      return [...byKey.values()];
    });
  } finally {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    refreshStore(store);
  }
  return { pack: { name: root.name, version: root.version }, steps, warnings: graph.warnings, dryRun: false };
}
