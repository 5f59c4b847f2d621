/**
 * Authoring: `packs.create` scaffolds a new pack folder (validates clean, scores Beta or better) and
 * `packs.init` writes pack.toml for an existing folder, inferring templates, RDF, queries and
 * variables. Bare they prompt, then open the new pack.toml; as an API they take the argument objects
 * below, never prompt, and return what was written.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import {
  CATEGORIES,
  DEFAULT_MANIFEST_FILE,
  findManifestFile,
  initPack,
  type InitResult,
  isKebabPackName,
  kebabCase,
  NotFoundError,
  parseManifestText,
  scaffoldPack,
  scorePack,
  ValidationError,
  writeNewFolder,
  type Category,
  type ScaffoldKind,
} from '../engine-port';
import { log } from '../output';
import { apiArg, firstFolder, targetFolder } from './common';

const KINDS: readonly ScaffoldKind[] = ['basic', 'rdf'];
const NAME_RULE =
  'lowercase letters, digits and single hyphens, starting with a letter, at most 64 characters (e.g. my-custom-pack; a scope such as @acme/my-pack is allowed)';

const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(firstFolder() ?? process.cwd(), p));

/** A pack category ("dev-ops" accepted for devops); default custom. */
function categoryOf(value: unknown): Category {
  if (value === undefined) return 'custom';
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v === 'dev-ops') return 'devops';
  if ((CATEGORIES as readonly string[]).includes(v)) return v as Category;
  throw new ValidationError(`"category" ${JSON.stringify(value)} is not a pack category`, {
    hint: `Use one of: ${CATEGORIES.join(', ')}.`,
  });
}

function scoreOf(text: string, file: string): { total: number; level: string } {
  const manifest = parseManifestText(text, 'toml', file).manifest;
  if (!manifest) return { total: 0, level: 'unknown' };
  const s = scorePack(manifest);
  return { total: s.total, level: s.level };
}

async function openManifest(file: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
}

/** The explorer lists workspace packs too; harmless when it is not up. */
function refreshExplorer(): void {
  void vscode.commands.executeCommand('packs.refreshExplorer').then(undefined, () => undefined);
}

async function pickCategory(): Promise<Category | undefined> {
  const items = ['custom', ...CATEGORIES.filter((c) => c !== 'custom')].map((c) => ({ label: c }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Pack category' }))?.label as Category | undefined;
}

// ---------------------------------------------------------------------------------------------- create

export interface CreateArgs {
  /** Pack name, kebab-case (optionally scoped: @acme/my-pack); the folder is the unscoped name. */
  name: string;
  /** Parent folder of the new pack folder (default the first workspace folder; relative: to it). */
  folder?: string;
  /** Starting template: basic (default) or rdf (adds a domain model and a query). */
  template?: ScaffoldKind;
  /** Pack category (default custom). */
  category?: string;
}

export interface CreateResult {
  name: string;
  /** The new pack folder. */
  dir: string;
  /** Its pack.toml. */
  manifest: string;
  template: ScaffoldKind;
  category: Category;
  /** Every file written. */
  files: string[];
  score: { total: number; level: string };
}

export async function create(arg?: unknown): Promise<CreateResult | undefined> {
  const api = apiArg<CreateArgs>(arg);
  let name: string;
  let kind: ScaffoldKind;
  let category: Category;
  let parent: string;
  if (api) {
    name = typeof api.name === 'string' ? api.name.trim() : '';
    if (!name) throw new ValidationError('create needs "name"', { hint: 'Pass e.g. { name: "my-custom-pack" }.' });
    if (!isKebabPackName(name))
      throw new ValidationError(`"name" ${JSON.stringify(name)} is not a kebab-case pack name`, { hint: `Use ${NAME_RULE}.` });
    kind = api.template ?? 'basic';
    if (!KINDS.includes(kind))
      throw new ValidationError(`"template" ${JSON.stringify(api.template)} is not a scaffold`, { hint: 'Use "basic" or "rdf".' });
    category = categoryOf(api.category);
    if (api.folder !== undefined && (typeof api.folder !== 'string' || !api.folder.trim()))
      throw new ValidationError('"folder" must be a folder path');
    const base = api.folder ? absolute(api.folder) : firstFolder();
    if (!base)
      throw new ValidationError('No parent folder: no workspace folder is open', {
        hint: 'Pass "folder", the folder to create the pack in.',
      });
    parent = base;
  } else {
    const typed = await vscode.window.showInputBox({
      title: 'New pack',
      prompt: 'Pack name (kebab-case)',
      placeHolder: 'my-custom-pack',
      validateInput: (t) => (isKebabPackName(t.trim()) ? undefined : `Use ${NAME_RULE}`),
    });
    if (typed === undefined) return undefined;
    name = typed.trim();
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'basic', description: 'a README and a source file from Mustache templates', scaffold: 'basic' as const },
        { label: 'rdf', description: 'basic, plus an RDF domain model, a SPARQL query and a page per class', scaffold: 'rdf' as const },
      ],
      { placeHolder: 'Starting template' },
    );
    if (!picked) return undefined;
    kind = picked.scaffold;
    const c = await pickCategory();
    if (!c) return undefined;
    category = c;
    const base = await targetFolder(arg instanceof vscode.Uri ? arg.fsPath : undefined);
    if (!base) return undefined;
    parent = base;
  }
  const dir = join(parent, name.replace(/^@[^/]+\//, ''));
  const files = scaffoldPack({ name, category, kind });
  const written = writeNewFolder(dir, files);
  const manifest = join(dir, DEFAULT_MANIFEST_FILE);
  const score = scoreOf(files[DEFAULT_MANIFEST_FILE], manifest);
  log(`create ${name}: ${written.length} file(s) in ${dir} (template ${kind}); maturity score ${score.total} (${score.level})`);
  refreshExplorer();
  if (!api) {
    await openManifest(manifest);
    void vscode.window.showInformationMessage(
      `Packs: created ${name} in ${dir} (${written.length} files, score ${score.total} ${score.level}); publishing needs more than 80.`,
    );
  }
  return { name, dir, manifest, template: kind, category, files: written, score };
}

// ---------------------------------------------------------------------------------------------- init

export interface InitArgs {
  /** The existing folder holding the templates (relative: to the first workspace folder). */
  folder: string;
  /** Pack name (default the folder name, kebab-cased). */
  name?: string;
  /** Pack category (default custom). */
  category?: string;
  /** Replace an existing manifest (a pack.toml is kept as pack.toml.bak). Default false. */
  force?: boolean;
}

export async function init(arg?: unknown): Promise<InitResult | undefined> {
  const api = apiArg<InitArgs>(arg);
  let dir: string | undefined;
  if (api) {
    if (typeof api.folder !== 'string' || !api.folder.trim())
      throw new ValidationError('init needs "folder"', { hint: 'Pass e.g. { folder: "/path/to/templates" }.' });
    dir = absolute(api.folder.trim());
  } else if (arg instanceof vscode.Uri) dir = arg.fsPath;
  else {
    const first = firstFolder();
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: 'Make a Pack of This Folder',
      ...(first ? { defaultUri: vscode.Uri.file(first) } : {}),
    });
    dir = picked?.[0]?.fsPath;
  }
  if (!dir) return undefined;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new NotFoundError(`No folder at ${dir}`, {
      hint: 'Give the folder that holds your templates, or use "Packs: Create" for a new pack.',
    });
  }
  const force = api?.force === true;
  const existing = findManifestFile(dir);
  if (existing && !force) {
    if (api) {
      throw new ValidationError(`${existing.file} already exists; init does not replace a manifest`, {
        hint: `Pass force: true to replace it (the old file is kept as ${DEFAULT_MANIFEST_FILE}.bak when it is a ${DEFAULT_MANIFEST_FILE}).`,
      });
    }
    const yes = 'Replace';
    const answer = await vscode.window.showWarningMessage(
      `${existing.file} already exists. Replace it with an inferred ${DEFAULT_MANIFEST_FILE}?`,
      { modal: true, detail: `A ${DEFAULT_MANIFEST_FILE} is kept as ${DEFAULT_MANIFEST_FILE}.bak.` },
      yes,
    );
    if (answer !== yes) return undefined;
  }
  let name: string;
  let category: Category;
  if (api) {
    name = typeof api.name === 'string' ? api.name.trim() : kebabCase(basename(dir));
    if (!isKebabPackName(name)) {
      throw new ValidationError(`${JSON.stringify(name)} is not a kebab-case pack name`, {
        hint: `Pass "name" with ${NAME_RULE}.`,
      });
    }
    category = categoryOf(api.category);
  } else {
    const typed = await vscode.window.showInputBox({
      title: `Pack of ${dir}`,
      prompt: 'Pack name (kebab-case)',
      value: kebabCase(basename(dir)),
      validateInput: (t) => (isKebabPackName(t.trim()) ? undefined : `Use ${NAME_RULE}`),
    });
    if (typed === undefined) return undefined;
    name = typed.trim();
    const c = await pickCategory();
    if (!c) return undefined;
    category = c;
  }
  const result = initPack(dir, { name, category });
  log(
    `init ${dir}: wrote ${DEFAULT_MANIFEST_FILE} for ${name} — ${result.templates.length} template(s), ${result.variables.length} variable(s), ${result.rdf.length} RDF file(s), ${result.queries.length} query(ies); score ${result.score.total} (${result.score.level})`,
  );
  refreshExplorer();
  if (!api) {
    await openManifest(result.file);
    void vscode.window.showInformationMessage(
      `Packs: wrote ${result.file} (${result.templates.length} template(s), ${result.variables.length} variable(s))${result.license ? '' : '; add a license before publishing'}. Edit the variable descriptions, then validate.`,
    );
  }
  return result;
}
