/**
 * Where the engine keeps packs, from `packs.home` (else $GGEN_HOME / ~/.ggen, as the CLI). The engine
 * itself loads on first use (esbuild.mjs "lazy-engine"): `packsHome()` answers without loading it,
 * from engine/config.ts, which is dependency-free (the one engine file activation may import), and
 * `configureEngine` runs when the engine loads (engine-entry.ts) and again when the setting changes.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { configFromEnvironment, packsDirFor, type EngineConfig } from '../engine/config';
import { readSettings } from './settings';

/** The engine configuration the settings ask for; the bundled catalog ships inside the extension. */
export function settingsConfig(extensionRoot: string): EngineConfig {
  const env = configFromEnvironment(process.env);
  const home = readSettings().home;
  return {
    ...env,
    home: home ? home.replace(/^~(?=\/|$)/, env.userHome) : env.home,
    bundledDir: join(extensionRoot, 'examples', 'packs'),
    // VS Code's extension host patches Node's http for its proxy support; npm's agent breaks under it.
    nodeHttpAgents: true,
  };
}

/** $GGEN_HOME as the engine will see it (without loading the engine). */
export function packsHome(): string {
  return settingsConfig(extensionRoot()).home;
}

/** Where installed packs and index.jsonl live (GGEN_PACKS_DIR, else <home>/packs), without loading the engine. */
export function packsDir(): string {
  const config = settingsConfig(extensionRoot());
  return packsDirFor(config.home, config);
}

/** The extension's folder: the bundle lives in <extension>/dist/. */
export function extensionRoot(): string {
  return join(__dirname, '..');
}

/** Re-applied when `packs.home` changes (loading the engine then is fine: the user is changing where packs live). */
export function watchEngineSettings(context: vscode.ExtensionContext, apply: () => void): void {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('packs.home') && apply()));
}
