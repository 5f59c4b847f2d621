/**
 * All 25 verbs (SPEC §3), in the order `--help` lists them, one file per verb. Each is loaded only
 * when it runs: esbuild turns these dynamic imports into lazily initialised modules, so `ggen-pack
 * list` never executes the SPARQL parser, ajv or the renderer at start-up.
 */
import type { VerbDefinition } from '../types';

export const VERB_LOADERS: Record<string, () => Promise<VerbDefinition>> = {
  list: () => import('./list').then((m) => m.listVerb),
  search: () => import('./search').then((m) => m.searchVerb),
  show: () => import('./show').then((m) => m.showVerb),
  info: () => import('./info').then((m) => m.infoVerb),
  install: () => import('./install').then((m) => m.installVerb),
  uninstall: () => import('./uninstall').then((m) => m.uninstallVerb),
  update: () => import('./update').then((m) => m.updateVerb),
  clean: () => import('./clean').then((m) => m.cleanVerb),
  generate: () => import('./generate').then((m) => m.generateVerb),
  regenerate: () => import('./regenerate').then((m) => m.regenerateVerb),
  compose: () => import('./compose').then((m) => m.composeVerb),
  merge: () => import('./merge').then((m) => m.mergeVerb),
  plan: () => import('./plan').then((m) => m.planVerb),
  validate: () => import('./validate').then((m) => m.validateVerb),
  lint: () => import('./lint').then((m) => m.lintVerb),
  check: () => import('./check').then((m) => m.checkVerb),
  create: () => import('./create').then((m) => m.createVerb),
  init: () => import('./init').then((m) => m.initVerb),
  publish: () => import('./publish').then((m) => m.publishVerb),
  score: () => import('./score').then((m) => m.scoreVerb),
  benchmark: () => import('./benchmark').then((m) => m.benchmarkVerb),
  tree: () => import('./tree').then((m) => m.treeVerb),
  diff: () => import('./diff').then((m) => m.diffVerb),
  export: () => import('./export').then((m) => m.exportVerb),
  import: () => import('./import').then((m) => m.importVerb),
};

export const VERB_NAMES = Object.keys(VERB_LOADERS);

/** Every verb definition (for `--help` and tests), in VERB_NAMES order. */
export function loadAllVerbs(): Promise<VerbDefinition[]> {
  return Promise.all(Object.values(VERB_LOADERS).map((load) => load()));
}
