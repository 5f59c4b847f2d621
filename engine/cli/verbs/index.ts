/** All 25 verbs, in the order `--help` lists them (SPEC §3). One file per verb. */
import type { VerbDefinition } from '../types';
import { listVerb } from './list';
import { searchVerb } from './search';
import { showVerb } from './show';
import { infoVerb } from './info';
import { installVerb } from './install';
import { uninstallVerb } from './uninstall';
import { updateVerb } from './update';
import { cleanVerb } from './clean';
import { generateVerb } from './generate';
import { regenerateVerb } from './regenerate';
import { composeVerb } from './compose';
import { mergeVerb } from './merge';
import { planVerb } from './plan';
import { validateVerb } from './validate';
import { lintVerb } from './lint';
import { checkVerb } from './check';
import { createVerb } from './create';
import { initVerb } from './init';
import { publishVerb } from './publish';
import { scoreVerb } from './score';
import { benchmarkVerb } from './benchmark';
import { treeVerb } from './tree';
import { diffVerb } from './diff';
import { exportVerb } from './export';
import { importVerb } from './import';

export const VERBS: VerbDefinition[] = [
  listVerb,
  searchVerb,
  showVerb,
  infoVerb,
  installVerb,
  uninstallVerb,
  updateVerb,
  cleanVerb,
  generateVerb,
  regenerateVerb,
  composeVerb,
  mergeVerb,
  planVerb,
  validateVerb,
  lintVerb,
  checkVerb,
  createVerb,
  initVerb,
  publishVerb,
  scoreVerb,
  benchmarkVerb,
  treeVerb,
  diffVerb,
  exportVerb,
  importVerb,
];
