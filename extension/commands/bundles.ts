/**
 * Bundles and housekeeping: `packs.export` (a pack, optionally with its dependencies, as a .tar.gz
 * or .zip with SHA-256 checksums), `packs.import` (a bundle verified and installed) and `packs.clean`
 * (the cache and downloads folders under $GGEN_HOME, nothing else). Bare they prompt and report in a
 * notification; as an API they take the argument objects below and return the outcome.
 */
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import {
  bundleEntries,
  bytesUnder,
  engineConfig,
  formatOf,
  importBundle as importBundleFile,
  removableCacheDir,
  resolveGraph,
  resolvePackArg,
  throwIfCancelled,
  ValidationError,
  writeBundle,
  type BundlePack,
  type InstallStep,
} from '../engine-port';
import { log } from '../output';
import { apiArg, firstFolder, packArg, store, withProgress } from './common';

const cwd = (): string => firstFolder() ?? process.cwd();
const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(cwd(), p));

function stringField(value: unknown, field: string, example: string): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  throw new ValidationError(`"${field}" must be a non-empty string`, { hint: `Pass e.g. { ${field}: ${JSON.stringify(example)} }.` });
}

function booleanField(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw new ValidationError(`"${field}" must be true or false (got ${JSON.stringify(value)})`);
}

/** The explorer's listing after the registry changed; harmless when the explorer is not up. */
function refreshExplorer(): void {
  void vscode.commands.executeCommand('packs.refreshExplorer').then(undefined, () => undefined);
}

// ---------------------------------------------------------------------------------------------- export

export interface ExportArgs {
  /** `name[@range]` or a pack folder. */
  pack: string;
  /** Version or range of `pack`, if not in `pack` itself. */
  version?: string;
  /** Bundle path: .zip for a zip, else .tar.gz (default `<name>-<version>.tar.gz` in the first workspace folder; relative: to it). */
  output?: string;
  /** Bundle the dependencies too (default false). */
  includeDependencies?: boolean;
}

export interface ExportResult {
  file: string;
  format: 'zip' | 'tar.gz';
  /** Dependencies first, the exported pack last. */
  packs: BundlePack[];
  /** Files in the bundle, each with its SHA-256 in the bundle manifest. */
  files: number;
}

export async function exportBundle(arg?: unknown): Promise<ExportResult | undefined> {
  const api = apiArg<ExportArgs>(arg);
  const pack = api ? stringField(api.pack, 'pack', 'my-pack') : await packArg(arg, 'Pack to export as a bundle');
  if (!pack) return undefined;
  const version = api?.version === undefined ? undefined : stringField(api.version, 'version', '1.0.0');
  const s = store();
  const root = resolvePackArg(s, cwd(), pack, version);
  const defaultName = `${root.name.replace(/^@/, '').replace('/', '-')}-${root.version}.tar.gz`;
  let includeDependencies: boolean;
  let file: string;
  if (api) {
    includeDependencies = booleanField(api.includeDependencies, 'includeDependencies');
    file = api.output === undefined ? join(cwd(), defaultName) : absolute(stringField(api.output, 'output', defaultName));
  } else {
    includeDependencies = false;
    if (root.manifest.dependencies.length) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'This pack only', deps: false },
          { label: 'With its dependencies', description: root.manifest.dependencies.map((d) => d.name).join(', '), deps: true },
        ],
        { placeHolder: `Bundle ${root.name}@${root.version}` },
      );
      if (!choice) return undefined;
      includeDependencies = choice.deps;
    }
    const uri = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(firstFolder() ?? homedir(), defaultName)),
      filters: { 'Pack bundles': ['gz', 'tgz', 'zip'] },
      saveLabel: 'Export Bundle',
      title: `Export ${root.name}@${root.version}`,
    });
    if (!uri) return undefined;
    file = uri.fsPath;
  }
  const result = await withProgress(`exporting ${root.name}@${root.version}`, (signal) => {
    throwIfCancelled(signal, 'export');
    const packs = includeDependencies ? resolveGraph(s, root).packs : [root];
    const { entries, manifest } = bundleEntries(packs);
    throwIfCancelled(signal, 'export');
    writeBundle(file, entries);
    return Promise.resolve({ file, format: formatOf(file), packs: manifest.packs, files: Object.keys(manifest.files).length });
  });
  const what = result.packs.map((p) => `${p.name}@${p.version}`).join(', ');
  log(`export: wrote ${result.file} (${result.format}): ${what}, ${result.files} file(s) with SHA-256 checksums`);
  if (!api) void vscode.window.showInformationMessage(`Packs: exported ${what} to ${result.file}`);
  return result;
}

// ---------------------------------------------------------------------------------------------- import

export interface ImportArgs {
  /** The bundle (.tar.gz or .zip) made by export; relative: to the first workspace folder. */
  file: string;
  /** Replace an installed copy of a bundled pack (default false). */
  force?: boolean;
}

export interface ImportResult {
  file: string;
  packs: BundlePack[];
  /** What happened to each pack: install, reinstall or skip. */
  steps: InstallStep[];
}

export async function importBundle(arg?: unknown): Promise<ImportResult | undefined> {
  const api = apiArg<ImportArgs>(arg);
  let file: string | undefined;
  if (api) file = absolute(stringField(api.file, 'file', 'my-pack-1.0.0.tar.gz'));
  else if (arg instanceof vscode.Uri) file = arg.fsPath;
  else {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      filters: { 'Pack bundles': ['gz', 'tgz', 'zip'] },
      openLabel: 'Import Bundle',
      ...(firstFolder() ? { defaultUri: vscode.Uri.file(cwd()) } : {}),
    });
    file = picked?.[0]?.fsPath;
  }
  if (!file) return undefined;
  const force = api ? booleanField(api.force, 'force') : false;
  const bundle = file;
  const { manifest, steps } = await withProgress(`importing ${bundle}`, (signal) => {
    throwIfCancelled(signal, 'import');
    return importBundleFile(store(), bundle, { force, log });
  });
  refreshExplorer();
  const done = steps.filter((x) => x.action !== 'skip').map((x) => `${x.name}@${x.version}`);
  log(
    `import ${bundle}: ${Object.keys(manifest.files).length} checksum(s) verified; ${steps.map((x) => `${x.name}@${x.version} ${x.action}`).join(', ')}`,
  );
  if (!api) {
    void vscode.window.showInformationMessage(
      done.length
        ? `Packs: imported ${done.join(', ')}`
        : `Packs: nothing to import, ${steps.map((x) => `${x.name}@${x.version}`).join(', ')} already installed`,
    );
  }
  return { file: bundle, packs: manifest.packs, steps };
}

// ---------------------------------------------------------------------------------------------- clean

export interface CleanArgs {
  /** Remove $GGEN_HOME/cache (the default when neither cache nor downloads is set). */
  cache?: boolean;
  /** Remove $GGEN_HOME/downloads. */
  downloads?: boolean;
  /** Both. */
  all?: boolean;
  /** Only report what would be removed. */
  dryRun?: boolean;
}

export interface CleanedDir {
  name: 'cache' | 'downloads';
  dir: string;
  existed: boolean;
  /** Bytes of the files under it (removed, or that would be). */
  bytes: number;
}

export interface CleanResult {
  removed: CleanedDir[];
  dryRun: boolean;
}

/** The only folders clean ever removes: the cache (GGEN_CACHE_DIR, else under $GGEN_HOME) and the downloads under $GGEN_HOME. */
const CLEANABLE = ['cache', 'downloads'] as const;

function homeDir(): string {
  const home = engineConfig().home;
  if (!home || !isAbsolute(home) || resolve(home) === resolve('/')) {
    throw new ValidationError(`The packs home "${home}" is not a usable folder; nothing was removed`, {
      hint: 'Set packs.home (or $GGEN_HOME) to an absolute folder such as ~/.ggen.',
    });
  }
  return home;
}

function survey(names: readonly (typeof CLEANABLE)[number][]): CleanedDir[] {
  const home = homeDir();
  return names.map((name) => {
    // The cache may live elsewhere (GGEN_CACHE_DIR); removableCacheDir refuses one that holds what must stay.
    const dir = name === 'cache' ? removableCacheDir(home) : join(home, name);
    return existsSync(dir) ? { name, dir, existed: true, bytes: bytesUnder(dir) } : { name, dir, existed: false, bytes: 0 };
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function clean(arg?: unknown): Promise<CleanResult | undefined> {
  const api = apiArg<CleanArgs>(arg);
  let names: (typeof CLEANABLE)[number][];
  let dryRun = false;
  if (api) {
    const all = booleanField(api.all, 'all');
    const cache = booleanField(api.cache, 'cache');
    const downloads = booleanField(api.downloads, 'downloads');
    dryRun = booleanField(api.dryRun, 'dryRun');
    names = CLEANABLE.filter((n) => all || (n === 'cache' ? cache || !downloads : downloads));
  } else {
    const [cache, downloads] = survey(CLEANABLE);
    const size = (d: CleanedDir | undefined) => (d?.existed ? kib(d.bytes) : 'empty');
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Cache', description: size(cache), names: ['cache' as const] },
        { label: 'Downloads', description: size(downloads), names: ['downloads' as const] },
        { label: 'Cache and downloads', description: `${homeDir()}`, names: [...CLEANABLE] },
      ],
      { placeHolder: 'What to remove from the packs home (installed packs are kept)' },
    );
    if (!picked) return undefined;
    names = picked.names;
    const found = survey(names).filter((d) => d.existed);
    if (!found.length) {
      void vscode.window.showInformationMessage(
        `Packs: nothing to remove (${names.map((n) => join(homeDir(), n)).join(', ')} do not exist)`,
      );
      return { removed: survey(names), dryRun: false };
    }
    const yes = 'Remove';
    const answer = await vscode.window.showWarningMessage(
      `Remove ${found.map((d) => `${d.dir} (${kib(d.bytes)})`).join(' and ')}?`,
      { modal: true, detail: 'Installed packs are kept; caches are rebuilt and downloads fetched again when needed.' },
      yes,
    );
    if (answer !== yes) return undefined;
  }
  const removed = survey(names);
  if (!dryRun) for (const d of removed) if (d.existed) rmSync(d.dir, { recursive: true, force: true });
  const summary = removed
    .map((d) => (d.existed ? `${dryRun ? 'would remove' : 'removed'} ${d.dir} (${kib(d.bytes)})` : `${d.dir}: nothing to remove`))
    .join('; ');
  log(`clean: ${summary}`);
  if (!api) void vscode.window.showInformationMessage(`Packs: ${summary}`);
  return { removed, dryRun };
}
