/**
 * A generation's writes as data, for an editor that shows them before applying them itself (the
 * extension's preview and its one WorkspaceEdit). `previewWrites` classifies every planned file
 * against the disk — create, overwrite, unchanged, skip, or conflict — without writing anything;
 * `settlePreview` turns per-file choices for the conflicts into the final writes, packs.lock and the
 * baseline store included, exactly as `applyPlan` would have recorded them. The store is always
 * LF-only valid UTF-8, so the editor can replace it with a text edit (which its Undo restores).
 * A legacy `.packs/baseline/` folder is left for the next engine write to remove (readers try the
 * store first, so the stale folder does no harm).
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveOutputPath, safeJoin } from '../apply/path-safety';
import { lockFileEntries, mergeLock, readLock } from '../apply/lockfile';
import { mergeContents } from '../compose/merge-content';
import { GenerationError } from '../errors';
import { bookkeepingWrites, type GenerationPlan } from '../generate';

export type PreviewAction = 'create' | 'overwrite' | 'unchanged' | 'skip' | 'conflict';

export interface PreviewFile {
  /** Relative to the output, `/`-separated. */
  path: string;
  abs: string;
  pack: string;
  template: string;
  action: PreviewAction;
  /** What the pack renders. */
  proposed: Buffer;
  /** What the disk has now, or null for a new file. */
  current: Buffer | null;
  mode: number;
}

export interface PreviewResult {
  output: string;
  plan: GenerationPlan;
  files: PreviewFile[];
}

/** For a conflicting file: the pack's version, the user's (left as is), or a merge of both. */
export type ConflictChoice = 'theirs' | 'mine' | 'merge';

export interface SettledWrite {
  path: string;
  abs: string;
  content: Buffer;
  /** A user-visible file, or engine bookkeeping (packs.lock, the baseline store `.packs/baselines.jsonl`). */
  kind: 'file' | 'bookkeeping';
  /** Whether a file is there now (the edit replaces it) or not (the edit creates it). */
  exists: boolean;
}

/** Classify every planned file; `overwrite` turns would-be conflicts into overwrites (the run's conflict mode). */
export function previewWrites(plan: GenerationPlan, output: string, overwrite: boolean): PreviewResult {
  const root = resolve(output);
  const rootExists = existsSync(root);
  const files = plan.files.map((f): PreviewFile => {
    const who = `${f.pack}:${f.template}`;
    const abs = rootExists ? resolveOutputPath(root, f.path, who) : safeJoin(root, f.path, who);
    const st = rootExists ? lstatOrNull(abs) : null;
    if (st?.isDirectory()) throw new GenerationError(`${f.path} is a directory in ${root}; ${who} wants to write a file there`);
    const current = st ? readFileSync(abs) : null;
    const action: PreviewAction =
      current === null
        ? 'create'
        : f.skipIfExists
          ? 'skip'
          : current.equals(f.content)
            ? 'unchanged'
            : overwrite
              ? 'overwrite'
              : 'conflict';
    return { path: f.path, abs, pack: f.pack, template: f.template, action, proposed: f.content, current, mode: f.mode };
  });
  return { output: root, plan, files };
}

/**
 * The writes of a preview once each conflict has a choice (missing choices: `fallback`, or listed in
 * `unresolved` when there is none). A file kept as the user's is not recorded in packs.lock, as skip
 * is not; a merged file is recorded with its merged content, as compose's merge is.
 */
export function settlePreview(
  preview: PreviewResult,
  choices: Readonly<Record<string, ConflictChoice>>,
  fallback?: ConflictChoice,
): { writes: SettledWrite[]; unresolved: string[] } {
  const unresolved: string[] = [];
  const recorded: { path: string; pack: string; template: string; content: Buffer }[] = [];
  const writes: SettledWrite[] = [];
  for (const f of preview.files) {
    let content = f.proposed;
    if (f.action === 'skip') continue;
    if (f.action === 'conflict') {
      const choice = choices[f.path] ?? fallback;
      if (!choice) {
        unresolved.push(f.path);
        continue;
      }
      if (choice === 'mine') continue;
      if (choice === 'merge') content = mergeContents(f.path, f.current!, f.proposed).content;
    }
    recorded.push({ path: f.path, pack: f.pack, template: f.template, content });
    if (f.current?.equals(content)) continue;
    writes.push({ path: f.path, abs: f.abs, content, kind: 'file', exists: f.current !== null });
  }
  const { plan, output } = preview;
  const lock = mergeLock(readLock(output), { ...plan.lock, files: lockFileEntries(recorded) });
  for (const w of bookkeepingWrites(output, lock, plan.root.name, recorded)) {
    const abs = safeJoin(output, w.path);
    const current = existsSync(abs) ? readFileSync(abs) : null;
    if (current?.equals(w.content)) continue;
    writes.push({ path: w.path, abs, content: w.content, kind: 'bookkeeping', exists: current !== null });
  }
  return { writes, unresolved };
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}
