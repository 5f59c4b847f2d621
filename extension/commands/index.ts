/**
 * Command id → handler, loaded when first run. Every command takes one optional argument object
 * (or the explorer node it was invoked on) and returns a result: called from the palette it prompts
 * and shows failures as notifications; called as an API (an argument object) it rejects instead.
 * test/extension checks this table against package.json `contributes.commands` both ways.
 */
import * as vscode from 'vscode';
import { CancelledError } from '../engine-port';
import { log, output, showFailure } from '../output';
import { apiArg } from './common';

type Handler = (arg?: unknown) => unknown;

/** Each verb's module, required on first use so activation loads none of them. */
export const COMMANDS: Record<string, () => Handler> = {
  'packs.search': () => (require('./discovery') as typeof import('./discovery')).search,
  'packs.openSearch': () => () => void (require('../panels/search-panel') as typeof import('../panels/search-panel')).openSearchPanel(),
  'packs.show': () => (require('./discovery') as typeof import('./discovery')).show,
  'packs.install': () => (require('./discovery') as typeof import('./discovery')).install,
  'packs.uninstall': () => (require('./discovery') as typeof import('./discovery')).uninstall,
  'packs.update': () => (require('./regenerate') as typeof import('./regenerate')).update,
  'packs.generate': () => (require('./generate') as typeof import('./generate')).generate,
  'packs.regenerate': () => (require('./regenerate') as typeof import('./regenerate')).regenerate,
  'packs.regenerateWithVariables': () => (require('./regenerate') as typeof import('./regenerate')).regenerateWithVariables,
  'packs.compose': () => (require('./compose') as typeof import('./compose')).compose,
  'packs.plan': () => (require('./report-plan') as typeof import('./report-plan')).plan,
  'packs.validate': () => (require('./quality') as typeof import('./quality')).validate,
  'packs.lint': () => (require('./quality') as typeof import('./quality')).lint,
  'packs.score': () => (require('./quality') as typeof import('./quality')).score,
  'packs.publish': () => (require('./publish') as typeof import('./publish')).publish,
  'packs.setRegistryToken': () => (require('./registries') as typeof import('./registries')).setRegistryToken,
  'packs.openRegistryConfig': () => (require('./registries') as typeof import('./registries')).openRegistryConfig,
  'packs.openScore': () => (require('../panels/score-panel') as typeof import('../panels/score-panel')).openScorePanel,
  'packs.create': () => (require('./authoring') as typeof import('./authoring')).create,
  'packs.init': () => (require('./authoring') as typeof import('./authoring')).init,
  'packs.tree': () => (require('./report-tree') as typeof import('./report-tree')).tree,
  'packs.diff': () => (require('./report-diff') as typeof import('./report-diff')).diff,
  'packs.export': () => (require('./bundles') as typeof import('./bundles')).exportBundle,
  'packs.import': () => (require('./bundles') as typeof import('./bundles')).importBundle,
  'packs.clean': () => (require('./bundles') as typeof import('./bundles')).clean,
  'packs.benchmark': () => (require('./report-benchmark') as typeof import('./report-benchmark')).benchmark,
  'packs.showOutput': () => () => output().show(true),
};

/** Commands registered elsewhere (explorer, preview) — listed so the manifest check sees every id. */
export const OTHER_COMMANDS = [
  'packs.refreshExplorer',
  'packs.preview.apply',
  'packs.preview.discard',
  'packs.preview.openDiff',
  'packs.preview.takeTheirs',
  'packs.preview.keepMine',
  'packs.preview.merge',
];

export function registerCommands(context: vscode.ExtensionContext): void {
  for (const [id, load] of Object.entries(COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        const api = apiArg<object>(arg) !== undefined;
        try {
          return await load()(arg);
        } catch (err) {
          if (api) throw err; // the API caller gets the rejection
          if (err instanceof CancelledError) {
            log(err.message);
            void vscode.window.showInformationMessage(`Packs: ${err.message}`);
          } else showFailure(err);
          return undefined;
        }
      }),
    );
  }
}
