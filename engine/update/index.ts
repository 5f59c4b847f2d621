/**
 * `ggen-pack update [pack]` (SPEC §3): for each explicitly installed pack (or the one named), the
 * newest version the sources offer within its current major (`^installed`), or any newer version with
 * `latest`; crossing a major is reported with what breaks users (engine/diff). The updates are
 * installed by `installPacks`, all in one registry transaction (a failure installs none of them);
 * older versions stay in the registry, since generated projects pin them in packs.lock
 * (`uninstall name@version` removes one).
 */
import semver from 'semver';
import { diffPacks } from '../diff';
import { NotFoundError } from '../errors';
import { installPacks, type InstallStep } from '../registry/install';
import type { RegistryStore } from '../registry/store';

export interface UpdateCandidate {
  name: string;
  from: string;
  to: string;
  /** True when `to` has another major version (only with `latest`). */
  major: boolean;
  /** What breaks users between the two versions (engine/diff), when both can be read. */
  breaking: string[];
}

export interface UpdateResult {
  updates: UpdateCandidate[];
  /** Explicit installs already at their newest allowed version. */
  current: string[];
  /** Newer major versions left out without `latest`. */
  held: { name: string; version: string; newest: string }[];
  steps: InstallStep[];
}

/** The newest allowed version of every explicitly installed pack (or of `only`), installed unless `check`/`dryRun`. */
export async function updatePacks(
  store: RegistryStore,
  // `only` may be undefined: the verb passes its optional [pack] argument through.
  opts: { only?: string | undefined; latest?: boolean; check?: boolean; dryRun?: boolean; log?: (m: string) => void } = {},
): Promise<UpdateResult> {
  const explicit = store.localIndex().packs.filter((e) => e.explicit && (!opts.only || e.name === opts.only));
  if (opts.only && explicit.length === 0) {
    throw new NotFoundError(`${opts.only} is not installed (explicitly)`, {
      hint: `Install it first: \`ggen-pack install ${opts.only}\`.`,
    });
  }
  // One line per name: the newest explicitly installed version is the one being updated.
  const newestInstalled = new Map<string, string>();
  for (const e of explicit)
    if (!newestInstalled.has(e.name) || semver.gt(e.version, newestInstalled.get(e.name)!)) newestInstalled.set(e.name, e.version);

  const updates: UpdateCandidate[] = [];
  const current: string[] = [];
  const held: UpdateResult['held'] = [];
  for (const [name, version] of [...newestInstalled].sort()) {
    const newest = store.versions(name)[0]?.version;
    const range = opts.latest ? `>${version}` : `^${version}`;
    const best = store.versions(name).find((r) => semver.satisfies(r.version, range) && semver.gt(r.version, version));
    if (newest && semver.gt(newest, best?.version ?? version) && !opts.latest) held.push({ name, version, newest });
    if (!best) {
      current.push(`${name}@${version}`);
      continue;
    }
    const major =
      semver.major(best.version) !== semver.major(version) ||
      (semver.major(version) === 0 && semver.minor(best.version) !== semver.minor(version));
    let breaking: string[] = [];
    try {
      const installed = store.versions(name, 'local').find((r) => r.version === version);
      if (installed) breaking = diffPacks(store.load(installed), store.load(best)).breaking;
    } catch {
      /* an unreadable manifest: the install below reports it */
    }
    updates.push({ name, from: version, to: best.version, major, breaking });
  }

  const steps: InstallStep[] = [];
  if (!opts.check && updates.length) {
    const results = await installPacks(
      store,
      updates.map((u) => ({ name: `${u.name}@${u.to}` })),
      {
        dryRun: opts.dryRun,
        log: opts.log,
        action: `Updating ${updates.map((u) => `${u.name} to ${u.to}`).join(', ')}`,
        nothing: 'nothing was updated',
        preposition: 'in',
      },
    );
    // A dependency shared by two updates is one step.
    for (const r of results) for (const s of r.steps) if (!steps.includes(s)) steps.push(s);
  }
  return { updates, current, held, steps };
}
