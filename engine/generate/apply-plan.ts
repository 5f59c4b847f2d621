/**
 * `applyPlan`: write a GenerationPlan atomically into the output directory, with packs.lock merged
 * into any existing lock and the baselines stored under `.packs/baseline/<sha256>`.
 */
import { resolve } from 'node:path';
import { applyWrites, type ApplyOptions, type ApplyOutcome, type WriteRequest } from '../apply/apply';
import { BASELINE_DIR, LOCK_FILE, lockFileEntries, type LockData, mergeLock, readLock, serializeLock, sha256 } from '../apply/lockfile';
import type { GenerationPlan } from './plan';

export interface ApplyPlanOptions {
  output: string;
  overwrite?: boolean;
  dryRun?: boolean;
  /** Tests only (see ApplyOptions). */
  beforeMove?: ApplyOptions['beforeMove'];
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
    finalize: (files) => {
      const written = files.filter((f) => f.action !== 'skip');
      const lock = mergeLock(readLock(root), { ...plan.lock, files: lockFileEntries(written) });
      return bookkeepingWrites(lock, plan.root.name, written);
    },
  });
  return { ...outcome, write: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/**
 * What a generation records beside its files: `packs.lock` (attributed to the root pack) and the
 * baseline of each file, the pristine render the next regenerate merges against.
 */
export function bookkeepingWrites(lock: LockData, rootPack: string, files: { content: Buffer; pack: string }[]): WriteRequest[] {
  return [
    { path: LOCK_FILE, content: Buffer.from(serializeLock(lock)), mode: 0o644, pack: rootPack, template: '(lock)', skipIfExists: false },
    ...baselineWrites(files),
  ];
}

/** One content-addressed baseline write per distinct content (`.packs/baseline/<sha256>`). */
function baselineWrites(files: { content: Buffer; pack: string }[]): WriteRequest[] {
  const byHash = new Map<string, WriteRequest>();
  for (const f of files) {
    const h = sha256(f.content);
    if (!byHash.has(h))
      byHash.set(h, {
        path: `${BASELINE_DIR}/${h}`,
        content: f.content,
        mode: 0o644,
        pack: f.pack,
        template: '(baseline)',
        skipIfExists: false,
      });
  }
  return [...byHash.values()];
}
