/**
 * The remote registries, from the editor: they are configured where the CLI reads them,
 * `$GGEN_HOME/config.toml` `[registries]` (one place for both), and a token per registry can be kept
 * in VS Code's secret storage. `packs.setRegistryToken { registry, token }` (API) stores one;
 * `packs.openRegistryConfig` opens config.toml, creating it with a commented example when missing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { engineConfig, registrySetup } from '../engine-port';
import { refreshExplorer } from '../explorer/tree-provider';
import { askRegistryToken, forgetRegistryToken, storeRegistryToken } from '../registry-tokens';
import { apiArg } from './common';

const EXAMPLE = `# Remote pack registries (any npm-compatible registry), shared by the ggen-pack CLI and the VS Code extension.
# A name per registry; a "@scope" name serves that scope's packs; \`default\` names where unscoped packs go.
[registries]
# team = "https://npm.example.com/"
# "@acme" = "https://npm.acme.dev/"
# default = "team"
`;

export async function openRegistryConfig(): Promise<{ file: string }> {
  const file = join(engineConfig().home, 'config.toml');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, EXAMPLE);
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
  return { file };
}

export async function setRegistryToken(arg?: unknown): Promise<{ registry: string } | undefined> {
  const api = apiArg<{ registry: string; token: string | null }>(arg);
  if (api) {
    if (api.token === null) await forgetRegistryToken(api.registry);
    else await storeRegistryToken(api.registry, api.token);
    return { registry: api.registry };
  }
  const setup = registrySetup(engineConfig().home);
  const items = setup.registries.map((r) => ({ label: r.name, description: r.url, url: r.url }));
  const other = { label: 'Another registry…', description: 'enter its URL', url: '' };
  const picked = await vscode.window.showQuickPick([...items, other], { placeHolder: 'The registry the token is for' });
  if (!picked) return undefined;
  const url =
    picked.url ||
    (await vscode.window.showInputBox({
      prompt: 'Registry URL',
      placeHolder: 'https://npm.example.com/',
      validateInput: (v) => (/^https?:\/\/[^/]+/.test(v) ? undefined : 'An http(s) URL'),
    }));
  if (!url) return undefined;
  const token = await askRegistryToken(url, 'Used to publish, and to search and install from a private registry.');
  if (!token) return undefined;
  refreshExplorer();
  void vscode.window.showInformationMessage(`Packs: the token for ${url} is kept in VS Code's secret storage`);
  return { registry: url };
}
