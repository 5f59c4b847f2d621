/**
 * Files already in the output directory that a composition would change (SPEC §4: never overwritten
 * without a resolution): `overwrite` replaces them (applyPlan backs them up), `skip` leaves them,
 * `merge` merges the existing file with the new one; `fail` and `ask` leave them to applyPlan, which
 * refuses and lists them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { safeJoin } from '../apply/path-safety';
import type { GenerationPlan } from '../generate';
import type { ConflictMode } from './composition-file';
import { mergeContents } from './merge-content';

export interface ExistingOutcome {
  plan: GenerationPlan;
  /** Whether applyPlan may replace existing files. */
  overwrite: boolean;
  notes: string[];
}

export function resolveExisting(plan: GenerationPlan, output: string, mode: ConflictMode): ExistingOutcome {
  if (mode === 'overwrite') return { plan, overwrite: true, notes: [] };
  if (mode !== 'skip' && mode !== 'merge') return { plan, overwrite: false, notes: [] };
  const notes: string[] = [];
  const files = plan.files.flatMap((f) => {
    const abs = safeJoin(output, f.path);
    if (!existsSync(abs) || !statSync(abs).isFile()) return [f];
    const current = readFileSync(abs);
    if (current.equals(f.content)) return [f];
    if (mode === 'skip') {
      notes.push(`${f.path}: exists, kept (skip)`);
      return [];
    }
    const m = mergeContents(f.path, current, f.content);
    notes.push(`${f.path}: merged with the existing file (${m.how})${m.warning ? ` — ${m.warning}` : ''}`);
    return [{ ...f, content: m.content }];
  });
  return { plan: { ...plan, files }, overwrite: mode === 'merge', notes };
}
