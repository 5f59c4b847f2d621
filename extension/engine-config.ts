/**
 * Tells the engine where packs live, from `packs.home` (else $GGEN_HOME / ~/.ggen, as the CLI), once at
 * activation and again when the setting changes. The bundled catalog ships inside the extension.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { configFromEnvironment, setEngineConfig } from './engine-port';
import { readSettings } from './settings';

export function configureEngine(context: vscode.ExtensionContext): void {
  const apply = () => {
    const env = configFromEnvironment(process.env);
    const home = readSettings().home;
    setEngineConfig({
      ...env,
      home: home ? home.replace(/^~(?=\/|$)/, env.userHome) : env.home,
      bundledDir: join(context.extensionPath, 'examples', 'packs'),
    });
  };
  apply();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('packs.home') && apply()));
}

/** $GGEN_HOME as the engine sees it now. */
export { engineConfig } from './engine-port';
