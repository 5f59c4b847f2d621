/** Diagnostics of composition files, from engine/editor/composition-check over the registry store. */
import type { Issue } from '../../protocol';
import { checkComposition } from '../../engine';
import type { PackState } from '../pack-state';

/** The issues of the composition file `file` (open buffer or disk). */
export function compositionIssues(state: PackState, file: string): Issue[] {
  const text = state.textOf(file);
  return text === null ? [] : checkComposition(file, text, state.store());
}
