/**
 * Registry tokens the user entered in VS Code, kept in its SecretStorage (the OS keychain where there
 * is one), one per registry URL. Never in settings, never in packs.lock, never logged. Without one the
 * engine falls back to the usual `.npmrc` / `NPM_CONFIG_*` auth, as npm does.
 */
import * as vscode from 'vscode';

let secrets: vscode.SecretStorage | undefined;

export function registerRegistryTokens(context: vscode.ExtensionContext): void {
  secrets = context.secrets;
}

const key = (registry: string) => `packs.registryToken:${registry.replace(/\/?$/, '/')}`;

export async function registryToken(registry: string | null): Promise<string | undefined> {
  return registry && secrets ? secrets.get(key(registry)) : undefined;
}

/** Asks for a token for `registry` (masked) and keeps it; undefined when the user dismissed the box. */
export async function askRegistryToken(registry: string, why: string): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title: `Token for ${registry}`,
    prompt: `${why} It is kept in VS Code's secret storage, for this registry only.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the token (npm token create, or your registry’s UI)'),
  });
  if (!token?.trim()) return undefined;
  await storeRegistryToken(registry, token.trim());
  return token.trim();
}

export async function storeRegistryToken(registry: string, token: string): Promise<void> {
  await secrets?.store(key(registry), token);
}

export async function forgetRegistryToken(registry: string): Promise<void> {
  await secrets?.delete(key(registry));
}
