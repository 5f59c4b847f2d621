/**
 * `applyPlan`: write a GenerationPlan atomically into the output directory, with packs.lock merged
 * into any existing lock and the baselines stored under `.packs/baseline/<sha256>`.
 */
import { resolve } from 'node:path';
import { applyWrites, type AppliedFile, type WriteRequest } from '../apply/apply';
import { BASELINE_DIR, LOCK_FILE, mergeLock, readLock, serializeLock, sha256 } from '../apply/lockfile';
import type { GenerationPlan } from './plan';

export interface ApplyPlanOptions {
  output: string;
  overwrite?: boolean;
  dryRun?: boolean;
  /** Tests only (see ApplyOptions). */
  faultAfterMoves?: { count: number; crash?: boolean };
}

export interface ApplyResult {
  output: string;
  files: AppliedFile[];
  backupDir: string | null;
  recovered: boolean;
  dryRun: boolean;
  /** Milliseconds spent checking and writing. */
  write: number;
}

/** Apply `plan` into `opts.output`. Throws PermissionError (unsafe path) or GenerationError (conflicts, I/O). */
export async function applyPlan(plan: GenerationPlan, opts: ApplyPlanOptions): Promise<ApplyResult> {
  const t0 = process.hrtime.bigint();
  const root = resolve(opts.output);
  const outcome = applyWrites(plan.files, {
    output: root,
    overwrite: opts.overwrite,
    dryRun: opts.dryRun,
    faultAfterMoves: opts.faultAfterMoves,
    finalize: (files) => {
      const written = files.filter((f) => f.action !== 'skip');
      const lock = mergeLock(readLock(root), {
        ...plan.lock,
        files: written.map((f) => ({ path: f.path, pack: f.pack, template: f.template, sha256: sha256(f.content) })),
      });
      return [
        {
          path: LOCK_FILE,
          content: Buffer.from(serializeLock(lock)),
          mode: 0o644,
          pack: plan.root.name,
          template: '(lock)',
          skipIfExists: false,
        },
        ...baselineWrites(written),
      ];
    },
  });
  return { ...outcome, write: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** One content-addressed baseline write per distinct content (`.packs/baseline/<sha256>`). */
export function baselineWrites(files: { content: Buffer; pack: string }[]): WriteRequest[] {
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
