/**
 * What the commands share: the flow context (home, output channel, hook trust, cancellation), a
 * cancellable progress notification, pack and folder pickers, and reading a command's argument —
 * an API call passes one object; a click in the explorer passes its tree node.
 */
import * as vscode from 'vscode';
import type { PackSummary } from '../../protocol';
import { engineConfig, openStore, type FlowContext, type RegistryStore } from '../engine-port';
import { log } from '../output';
import { hookTrust } from '../trust';
import { workspacePacks } from '../workspace-packs';

/** The explorer's pack node (explorer/tree-items.ts), which VS Code passes to commands invoked on it. */
export interface PackNodeArg {
  kind: 'pack';
  name: string;
  version: string;
  source: string;
  /** The folder of a workspace pack; null for installed and catalog packs. */
  dir: string | null;
}

export const isPackNode = (a: unknown): a is PackNodeArg =>
  typeof a === 'object' && a !== null && (a as { kind?: unknown }).kind === 'pack';

/** The argument object of an API call, or undefined for a palette call or a tree node. */
export function apiArg<T extends object>(a: unknown): T | undefined {
  return typeof a === 'object' && a !== null && !isPackNode(a) && !(a instanceof vscode.Uri) ? (a as T) : undefined;
}

export function store(): RegistryStore {
  return openStore(engineConfig().home);
}

/** How hook trust is settled: the modal (palette), or the API caller's `allowHooks` (no modal). */
export type HookAnswer = 'ask' | 'allow' | 'deny';

export function flowContext(signal?: AbortSignal, hooks: HookAnswer = 'ask'): FlowContext {
  return { home: engineConfig().home, cwd: firstFolder() ?? process.cwd(), log, trust: hookTrust(hooks), signal };
}

export function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Run `work` under a progress notification with Cancel; the AbortSignal fires on Cancel. */
export function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress<T>(
    { location: vscode.ProgressLocation.Notification, title: `Packs: ${title}`, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      return work(controller.signal, (message) => progress.report({ message })).finally(() => {
        sub.dispose();
      });
    },
  );
}

/**
 * Quick pick over the workspace's packs (unless `source` is `local`) and the packs of `source`;
 * resolves to the pack argument (a folder for a workspace pack, else the name), undefined when dismissed.
 */
export async function pickPack(placeHolder: string, source: 'all' | 'local' | 'bundled' = 'all'): Promise<string | undefined> {
  const local = source === 'local' ? [] : (await workspacePacks()).filter((p) => p.valid);
  const items = [
    ...local.map((p) => ({
      label: p.name,
      description: `${p.version} · workspace`,
      detail: vscode.workspace.asRelativePath(p.dir),
      arg: p.dir,
    })),
    ...store()
      .summaries(source)
      .map((s: PackSummary) => ({
        label: s.name,
        description: `${s.version} · ${s.source}${s.installed ? ' · installed' : ''}`,
        detail: s.description,
        arg: s.name,
      })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.arg;
}

/** The target folder: given, else the first workspace folder, else a folder picker. */
export async function targetFolder(given?: string): Promise<string | undefined> {
  if (given) return given;
  const first = firstFolder();
  if (first) return first;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Generate Here' });
  return picked?.[0]?.fsPath;
}

/** The pack a command works on: the API's `pack`, the explorer node's, the active manifest's folder, or a pick. */
export async function packArg(arg: unknown, placeHolder: string, source: 'all' | 'local' | 'bundled' = 'all'): Promise<string | undefined> {
  if (isPackNode(arg)) return arg.dir ?? `${arg.name}@${arg.version}`;
  const api = apiArg<{ pack?: string }>(arg);
  if (api?.pack) return api.pack;
  if (arg instanceof vscode.Uri) return vscode.Uri.joinPath(arg, '..').fsPath;
  return pickPack(placeHolder, source);
}

/** The folder of the active editor's pack manifest, if the active editor is one. */
export function activeManifestDir(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && /(^|\/)pack\.(toml|yaml)$/.test(doc.uri.path) ? vscode.Uri.joinPath(doc.uri, '..').fsPath : undefined;
}
