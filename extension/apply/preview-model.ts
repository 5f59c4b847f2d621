/**
 * The pure model of a preview: which files a run creates, changes, leaves or conflicts with, the
 * user's choice for each conflict (the run's conflict mode gives the default), and the result shape
 * the command API returns. No `vscode` here, so it is tested in plain Node.
 */
import type { ConflictChoice, PreviewFile, PreviewResult, SettledWrite, settlePreview } from '../engine-port';

/** The engine's settlePreview, passed in so this model loads neither the engine nor `vscode` (tests run it in plain Node). */
export type Settle = typeof settlePreview;

export type ConflictMode = 'ask' | 'overwrite' | 'skip' | 'merge' | 'fail';

/** What generate / compose / regenerate resolve to (absolute paths). */
export interface ApplyReport {
  /** Files created or changed (merged ones included); bookkeeping (packs.lock, baselines) is not listed. */
  written: string[];
  /** Files the run left as they are: unchanged, skip_if_exists, or kept as the user's. */
  skipped: string[];
  /** Files that existed with other content, whatever was chosen for them. */
  conflicts: string[];
}

/** The choice a conflict gets when the user makes none: the run's mode. */
export function defaultChoice(mode: ConflictMode): ConflictChoice | undefined {
  return mode === 'overwrite' ? 'theirs' : mode === 'skip' ? 'mine' : mode === 'merge' ? 'merge' : undefined;
}

export class PreviewModel {
  readonly choices = new Map<string, ConflictChoice>();

  constructor(
    readonly preview: PreviewResult,
    readonly mode: ConflictMode,
    private readonly settleWith: Settle,
  ) {}

  get conflicts(): PreviewFile[] {
    return this.preview.files.filter((f) => f.action === 'conflict');
  }

  choiceOf(path: string): ConflictChoice | undefined {
    return this.choices.get(path) ?? defaultChoice(this.mode);
  }

  choose(path: string, choice: ConflictChoice): void {
    this.choices.set(path, choice);
  }

  /** The writes with every choice applied; `unresolved` lists conflicts that still have none. */
  settle(): { writes: SettledWrite[]; unresolved: string[] } {
    return this.settleWith(this.preview, Object.fromEntries(this.choices), defaultChoice(this.mode));
  }

  /** The report of an apply of `writes` (from `settle`). */
  report(writes: readonly SettledWrite[]): ApplyReport {
    const written = new Set(writes.filter((w) => w.kind === 'file').map((w) => w.abs));
    return {
      written: [...written],
      skipped: this.preview.files.filter((f) => !written.has(f.abs)).map((f) => f.abs),
      conflicts: this.conflicts.map((f) => f.abs),
    };
  }

  /** One line per action for the tree's description and the notification: "3 new, 1 changed, 1 conflict". */
  summary(): string {
    const count = (a: string) => this.preview.files.filter((f) => f.action === a).length;
    return [
      [count('create'), 'new'],
      [count('overwrite'), 'changed'],
      [count('conflict'), count('conflict') === 1 ? 'conflict' : 'conflicts'],
      [count('unchanged'), 'unchanged'],
      [count('skip'), 'kept (skip_if_exists)'],
    ]
      .filter(([n]) => Number(n) > 0)
      .map(([n, w]) => `${n} ${w}`)
      .join(', ');
  }
}
