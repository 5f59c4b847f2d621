/** Placeholder for verbs that later issues build: it says so and exits 1, never fakes output. */
import { PackError } from '../errors';
import type { VerbDefinition } from './types';

export function notBuilt(def: Omit<VerbDefinition, 'implemented' | 'run'>): VerbDefinition {
  return {
    ...def,
    implemented: false,
    run: async () => {
      throw new PackError('internal', `\`ggen-pack ${def.name}\` is not built yet in this version of Packs`, {
        hint: 'See CHANGELOG.md for which verbs are available.',
      });
    },
  };
}
