/**
 * `installPack`: resolve a pack and its dependency closure, copy every pack that is not yet in the
 * local registry into a staging folder, then move them into place and swap in the new index in one
 * registry transaction (engine/registry/transaction.ts): a failure at any point installs nothing.
 * The requested pack is recorded as explicit, the others as dependencies (an explicit flag already
 * set is kept). `installPacks` does the same for several requests in one transaction (import, update).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../errors';
import type { Move, RunMovesOptions } from '../fs/move-journal';
import { resolveGraph } from '../resolve';
import { copyPackInto, readPackSource, type PackSource } from './copy-pack';
import { entryFromManifest, type IndexEntry } from './local-index';
import { packFolderName, packsDir } from './paths';
import { isPathArg, resolvePackArg, splitNameRange } from './resolve-arg';
import { normalizeRange } from './store';
import { notFoundHint } from './suggest';
import { runTransaction, type TransactionSpec } from './transaction';
import { assertPacksValid } from '../generate/validation-gate';
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
  /** Tests only: runs before each move of the transaction; throwing fails that move, `'crash'` stops as a kill would. */
  beforeMove?: RunMovesOptions['beforeMove'] | undefined;
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
  if (p.source === 'remote' && p.origin) return p.origin;
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

/** One pack to install: a name (`name`, `name@range`) or a path, with its own options. */
export interface InstallRequest {
  name: string;
  range?: string | undefined;
  force?: boolean | undefined;
  noDependencies?: boolean | undefined;
  from?: string | undefined;
  asDependency?: boolean | undefined;
}

/** What one request plans: its steps (shared with other requests for the same pack) and whether its root becomes explicit. */
interface Planned {
  root: LoadedPack;
  steps: InstallStep[];
  warnings: string[];
  /** The root is installed already (as a dependency) and is now asked for: flip its explicit flag. */
  markExplicit: boolean;
}

const keyOf = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

/**
 * Plans `req` against `store`: a step per pack of its closure. Steps already planned by an earlier
 * request (`byKey`) are shared; new copies to make are appended to `work`.
 */
function planRequest(
  store: PackStore,
  req: InstallRequest,
  opts: InstallOptions,
  byKey: Map<string, InstallStep>,
  work: { step: InstallStep; pack: LoadedPack }[],
): Planned {
  const root = findRoot(store, req.name, req.range, opts);
  const graph = req.noDependencies ? { packs: [root], warnings: [] } : resolveGraph(store, root);
  const home = store.home;
  const steps: InstallStep[] = [];
  for (const p of graph.packs) {
    const isRoot = p === root || (p.name === root.name && p.version === root.version);
    const explicitHere = isRoot && !req.asDependency;
    const shared = byKey.get(keyOf(p));
    if (shared) {
      shared.explicit ||= explicitHere;
      steps.push(shared);
      continue;
    }
    const dir = join(packsDir(home), packFolderName(p.name, p.version));
    const there = existsSync(dir);
    const explicit = explicitHere || Boolean(store.versions(p.name, 'local').find((r) => r.version === p.version)?.explicit);
    let step: InstallStep;
    if (there && !(isRoot && req.force)) {
      step = skipStep(p, dir, explicit, 'already installed');
    } else {
      // Reinstalling from the installed copy itself would delete the source: take the catalog copy if any.
      let src: LoadedPack | null = p;
      if (p.source === 'local') {
        const other = store.versions(p.name).find((r) => r.version === p.version && r.source !== 'local');
        src = other ? store.load(other) : null;
      }
      if (!src) step = skipStep(p, dir, explicit, 'already installed; no other source to reinstall from');
      else {
        step = {
          name: p.name,
          version: p.version,
          from: isRoot && req.from ? req.from : fromLabel(src),
          dir,
          action: there ? 'reinstall' : 'install',
          explicit,
          integrity: null,
        };
        work.push({ step, pack: src });
      }
    }
    byKey.set(keyOf(p), step);
    steps.push(step);
  }
  const rootStep = byKey.get(keyOf(root));
  const alreadyExplicit = Boolean(store.versions(root.name, 'local').find((r) => r.version === root.version)?.explicit);
  return {
    root,
    steps,
    warnings: graph.warnings,
    markExplicit: !req.asDependency && rootStep?.action === 'skip' && !alreadyExplicit,
  };
}

/**
 * Installs `name` (a pack name, `name@range`, or a path) with its dependency closure into the
 * local registry of `store.home`. Throws NotFoundError, ResolutionError, PermissionError (a pack
 * whose files escape it; EACCES/EPERM), ValidationError (bad range), GenerationError (a failed
 * write: nothing was installed, or where the old copy is if a rollback could not finish).
 */
export async function installPack(
  store: PackStore,
  name: string,
  range: string | undefined,
  opts: InstallOptions = {},
): Promise<InstallResult> {
  const req: InstallRequest = {
    name,
    range,
    force: opts.force,
    noDependencies: opts.noDependencies,
    from: opts.from,
    asDependency: opts.asDependency,
  };
  const [result] = await installPacks(store, [req], opts);
  return result!;
}

/**
 * Installs every request in ONE transaction: all are planned and staged first, then committed
 * together, so a failure installs none of them. One result per request, in order.
 * `opts.action` names the change in messages (default "Installing <first request>").
 */
// Async by contract: front ends await it, and fetching from remote registries (the distribution issue) is async.
// eslint-disable-next-line @typescript-eslint/require-await
export async function installPacks(
  store: PackStore,
  requests: InstallRequest[],
  opts: InstallOptions & Partial<Pick<TransactionSpec, 'action' | 'nothing' | 'preposition'>> = {},
): Promise<InstallResult[]> {
  const log = opts.log ?? (() => {});
  const byKey = new Map<string, InstallStep>();
  const work: { step: InstallStep; pack: LoadedPack }[] = [];
  const planned = requests.map((r) => planRequest(store, r, opts, byKey, work));
  // install refuses what validate rejects, like generate (engine/generate/validation-gate.ts).
  assertPacksValid(work.map((w) => w.pack));
  const results = planned.map((p): InstallResult => ({
    pack: { name: p.root.name, version: p.root.version },
    steps: p.steps,
    warnings: p.warnings,
    dryRun: Boolean(opts.dryRun),
  }));
  const flips = planned.filter((p) => p.markExplicit).map((p) => keyOf(p.root));
  if (opts.dryRun || (work.length === 0 && flips.length === 0)) return results;

  // Read every source first (links escaping a pack are refused here, before anything is written).
  const sources = work.map((w) => ({ ...w, source: readPackSource(w.pack.dir, w.pack.manifest.excludes) }));
  const first = planned[0]?.root;
  const staged: { step: InstallStep; pack: LoadedPack; source: PackSource; dir: string }[] = [];
  try {
    runTransaction({
      home: store.home,
      action: opts.action ?? `Installing ${first ? keyOf(first) : 'packs'}`,
      nothing: opts.nothing ?? 'nothing was installed',
      ...(opts.preposition && { preposition: opts.preposition }),
      need: {
        files: sources.flatMap((s) => s.source.sizes),
        dirs: sources.reduce((n, s) => n + s.source.dirs, 0),
        entries: sources.length,
      },
      stage(area) {
        for (const [i, s] of sources.entries()) {
          area.at = `copying ${keyOf(s.pack)}`;
          log(`${s.step.action === 'reinstall' ? 'reinstalling' : 'installing'} ${keyOf(s.pack)} from ${s.step.from}`);
          const dir = join(area.staging, String(i));
          copyPackInto(dir, s.source, area);
          s.step.integrity = s.source.integrity;
          staged.push({ ...s, dir });
        }
      },
      plan: (entries, area) => commitPlan(entries, staged, flips, area.staging),
      beforeMove: opts.beforeMove,
    });
  } finally {
    refreshStore(store);
  }
  return results;
}

/**
 * Under the lock, from the entries on disk: the moves that put the staged packs in place (an
 * installed folder being replaced goes aside first) and the new entries. A pack another process
 * installed meanwhile is kept as it is (their copy, their entry).
 */
function commitPlan(
  entries: IndexEntry[],
  staged: { step: InstallStep; pack: LoadedPack; dir: string }[],
  flips: string[],
  staging: string,
): { moves: { move: Move; label: string }[]; packs: IndexEntry[] } | null {
  const byKey = new Map(entries.map((e) => [keyOf(e), e]));
  const moves: { move: Move; label: string }[] = [];
  const now = new Date().toISOString();
  let changed = false;
  for (const [i, s] of staged.entries()) {
    const key = keyOf(s.pack);
    const prev = byKey.get(key);
    if (existsSync(s.step.dir)) {
      if (s.step.action === 'install' && prev) {
        // Another process installed it meanwhile: keep theirs (our copy goes with the staging folder).
        s.step.action = 'skip';
        s.step.reason = 'installed concurrently by another process';
        s.step.from = 'local';
        if (s.step.explicit && !prev.explicit) {
          byKey.set(key, { ...prev, explicit: true });
          changed = true;
        }
        continue;
      }
      moves.push({
        move: { from: s.step.dir, to: join(staging, `old-${i}`), original: true },
        label: `putting the installed ${key} aside`,
      });
    }
    moves.push({ move: { from: s.dir, to: s.step.dir }, label: `moving ${key} into place` });
    byKey.set(
      key,
      entryFromManifest(s.pack.manifest, {
        integrity: s.step.integrity!,
        explicit: s.step.explicit || Boolean(prev?.explicit),
        from: s.step.from,
        installedAt: now,
      }),
    );
    changed = true;
  }
  for (const key of flips) {
    const prev = byKey.get(key);
    if (prev && !prev.explicit) {
      byKey.set(key, { ...prev, explicit: true });
      changed = true;
    }
  }
  return changed ? { moves, packs: [...byKey.values()] } : null;
}
