/** Every pack manifest in the open workspace (the explorer's first section, and the first choices of every pack pick). */
import * as vscode from 'vscode';
import { findManifestFile, loadManifest } from './engine-port';

export interface WorkspacePack {
  dir: string;
  name: string;
  version: string;
  description: string;
  /** False when the manifest does not parse (the pack is still listed, so its problems can be seen). */
  valid: boolean;
}

export async function workspacePacks(): Promise<WorkspacePack[]> {
  const files = await vscode.workspace.findFiles('**/pack.{toml,yaml}', '**/{node_modules,.git,.packs}/**', 500);
  return files
    .map((f) => vscode.Uri.joinPath(f, '..').fsPath)
    .sort()
    .map((dir) => {
      const m = findManifestFile(dir) ? loadManifest(dir).manifest : null;
      return {
        dir,
        name: m?.metadata.name ?? vscode.workspace.asRelativePath(dir),
        version: m?.metadata.version ?? '?',
        description: m ? m.metadata.description : 'the manifest does not parse',
        valid: m !== null,
      };
    });
}
