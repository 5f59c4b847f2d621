/**
 * `applyPlan`: write a GenerationPlan atomically into the output directory, with packs.lock merged
 * into any existing lock and the baselines in the one store file `.packs/baselines.jsonl`.
 */
import { resolve } from 'node:path';
import { applyWrites, type ApplyOptions, type ApplyOutcome, type WriteRequest } from '../apply/apply';
import { baselineStoreWrite, removeLegacyBaselines, type BaselineReader } from '../apply/baseline-store';
import { LOCK_FILE, lockFileEntries, type LockData, mergeLock, readLockFile, serializeLock } from '../apply/lockfile';
import type { GenerationPlan } from './plan';

export interface ApplyPlanOptions {
  output: string;
  overwrite?: boolean;
  dryRun?: boolean;
  /** Tests only (see ApplyOptions). */
  beforeMove?: ApplyOptions['beforeMove'];
  /** The caller recovered `output` under its project lock already (see ApplyOptions). */
  recovered?: boolean;
}

export interface ApplyResult extends ApplyOutcome {
  /** Milliseconds spent checking and writing. */
  write: number;
}

/** Apply `plan` into `opts.output`. Throws PermissionError (unsafe path) or GenerationError (conflicts, I/O). */
// Async by contract: front ends await it, and cancellation and hook runs move into it with the extension issue.
// eslint-disable-next-line @typescript-eslint/require-await
export async function applyPlan(plan: GenerationPlan, opts: ApplyPlanOptions): Promise<ApplyResult> {
  const t0 = process.hrtime.bigint();
  const root = resolve(opts.output);
  const outcome = applyWrites(plan.files, {
    output: root,
    overwrite: opts.overwrite,
    dryRun: opts.dryRun,
    beforeMove: opts.beforeMove,
    recovered: opts.recovered,
    finalize: (files) => {
      const written = files.filter((f) => f.action !== 'skip');
      const previous = readLockFile(root);
      const lock = mergeLock(previous.lock, { ...plan.lock, files: lockFileEntries(written) });
      const [lockWrite, ...rest] = bookkeepingWrites(root, lock, plan.root.name, written);
      return [{ ...lockWrite!, current: previous.bytes }, ...rest];
    },
  });
  // The store now holds every baseline the lock references: the legacy folder can go.
  if (!opts.dryRun) removeLegacyBaselines(root);
  return { ...outcome, write: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/**
 * What a generation records beside its files in `root`: `packs.lock` (attributed to the root pack)
 * and the baseline store, which holds the pristine render of every file the lock lists (this run's
 * `files`, the others' from the project's `baselines`, opened here when not given) for the next
 * regenerate to merge against.
 */
export function bookkeepingWrites(
  root: string,
  lock: LockData,
  rootPack: string,
  files: readonly { content: Buffer }[],
  baselines?: BaselineReader,
): WriteRequest[] {
  return [
    { path: LOCK_FILE, content: Buffer.from(serializeLock(lock)), mode: 0o644, pack: rootPack, template: '(lock)', skipIfExists: false },
    baselineStoreWrite(root, lock, rootPack, files, baselines ? { reader: baselines } : {}),
  ];
}
