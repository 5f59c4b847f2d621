/**
 * search, show, install and uninstall. The API forms: `packs.search { query? }` → ranked hits
 * (`{ name, version, description, source, installed, score }`), `packs.install { pack }` →
 * `{ installed: ['name@version', …] }`, `packs.uninstall { pack }` → `{ removed: […] }`,
 * `packs.show { pack }` → the manifest summary. The explorer refreshes after every change.
 */
import * as vscode from 'vscode';
import type { PackSummary } from '../../protocol';
import {
  engineConfig,
  installFromRegistries,
  isPathArg,
  refreshStore,
  registrySetup,
  resolvePackArg,
  searchPacks,
  uninstallPack,
} from '../engine-port';
import { registryToken } from '../registry-tokens';
import { refreshExplorer } from '../explorer/tree-provider';
import { log } from '../output';
import { apiArg, firstFolder, packArg, store, withProgress } from './common';

export interface SearchHitResult extends PackSummary {
  score: number;
}

export async function search(arg?: unknown): Promise<SearchHitResult[] | undefined> {
  const api = apiArg<{ query?: string }>(arg);
  const s = store();
  const hitsOf = (q: string): SearchHitResult[] =>
    q.trim() ? searchPacks(s, q).map((h) => ({ ...h.summary, score: h.score })) : s.summaries('all').map((x) => ({ ...x, score: 0 }));
  if (api) {
    const hits = hitsOf(api.query ?? '');
    // Shown in the output channel (an API call never opens a pick).
    log(`search "${api.query ?? ''}": ${hits.length} hit(s)`);
    for (const h of hits.slice(0, 20)) log(`  ${h.name}@${h.version} (${h.source}${h.installed ? ', installed' : ''}) — ${h.description}`);
    return hits;
  }
  // As you type: the engine's ranked fuzzy search on every change of the query.
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { hit: SearchHitResult }>();
  qp.placeholder = 'Search packs (typo- and prefix-tolerant)';
  qp.matchOnDescription = true;
  const show = (q: string) => {
    qp.items = hitsOf(q).map((hit) => ({
      label: hit.name,
      description: `${hit.version} · ${hit.source}${hit.installed ? ' · installed' : ''}`,
      detail: hit.description,
      alwaysShow: true,
      hit,
    }));
  };
  show('');
  qp.onDidChangeValue(show);
  const picked = await new Promise<SearchHitResult | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]?.hit));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  const hits = hitsOf(qp.value);
  qp.dispose();
  if (picked) {
    const action = await vscode.window.showQuickPick(['Generate…', 'Install', 'Show Details'], {
      placeHolder: `${picked.name}@${picked.version}`,
    });
    if (action === 'Generate…')
      await vscode.commands.executeCommand('packs.generate', {
        kind: 'pack',
        name: picked.name,
        version: picked.version,
        dir: null,
        source: picked.source,
      });
    if (action === 'Install')
      await vscode.commands.executeCommand('packs.install', {
        kind: 'pack',
        name: picked.name,
        version: picked.version,
        dir: null,
        source: picked.source,
      });
    if (action === 'Show Details') await show_(picked.name);
  }
  return hits;
}

export async function show(arg?: unknown): Promise<object | undefined> {
  const pack = await packArg(arg, 'Pack to show');
  return pack ? show_(pack, apiArg(arg) !== undefined) : undefined;
}

async function show_(pack: string, quiet = false): Promise<object> {
  const loaded = resolvePackArg(store(), firstFolder() ?? process.cwd(), pack);
  const m = loaded.manifest;
  const details = {
    name: loaded.name,
    version: loaded.version,
    source: loaded.source,
    dir: loaded.dir,
    description: m.metadata.description,
    templates: m.templates.map((t) => t.alias),
    variables: m.variables.map((v) => ({ name: v.name, type: v.type, required: v.required, default: v.default })),
    dependencies: m.dependencies.map((d) => `${d.name}@${d.version}`),
  };
  if (!quiet) {
    const md = [
      `# ${details.name} ${details.version}`,
      '',
      details.description,
      '',
      `Source: ${details.source} (${details.dir})`,
      '',
      '## Templates',
      ...details.templates.map((t) => `- ${t}`),
      '',
      '## Variables',
      ...details.variables.map(
        (v) =>
          `- \`${v.name}\` (${v.type}${v.required ? ', required' : ''})${v.default !== undefined ? ` = ${JSON.stringify(v.default)}` : ''}`,
      ),
      '',
      '## Dependencies',
      ...(details.dependencies.length ? details.dependencies.map((d) => `- ${d}`) : ['none']),
    ].join('\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: md, language: 'markdown' }), { preview: true });
  }
  return details;
}

export async function install(arg?: unknown): Promise<{ installed: string[] } | undefined> {
  const api = apiArg<{ pack?: string }>(arg);
  const pack = await packArg(arg, 'Pack to install', 'bundled');
  if (!pack) return undefined;
  const s = store();
  // From the catalog, a folder or an archive as before, and from the configured registries (its
  // dependencies too, across every source), with the token the user keeps in VS Code if any.
  const cwd = firstFolder() ?? process.cwd();
  const { name, range } = isPathArg(pack, cwd) ? { name: pack, range: undefined } : splitPackArg(pack);
  const home = engineConfig().home;
  const token = await registryToken(registrySetup(home).defaultUrl);
  const result = await withProgress(`installing ${pack}`, () => installFromRegistries(home, name, range, { cwd, log, token }));
  refreshStore(s);
  const installed = result.steps.filter((x) => x.action !== 'skip').map((x) => `${x.name}@${x.version}`);
  for (const w of result.warnings) log(`warning: ${w}`);
  log(`install ${pack}: ${installed.length ? installed.join(', ') : 'already installed'}`);
  refreshExplorer();
  if (!api)
    void vscode.window.showInformationMessage(
      `Packs: ${installed.length ? `installed ${installed.join(', ')}` : `${pack} is already installed`}`,
    );
  return { installed };
}

/** `name`, `name@range`, `@scope/name@range` → name and range. */
function splitPackArg(pack: string): { name: string; range: string | undefined } {
  const at = pack.lastIndexOf('@');
  return at > 0 ? { name: pack.slice(0, at), range: pack.slice(at + 1) || undefined } : { name: pack, range: undefined };
}

export async function uninstall(arg?: unknown): Promise<{ removed: string[] } | undefined> {
  const api = apiArg<{ pack?: string }>(arg);
  const pack = await packArg(arg, 'Pack to uninstall', 'local');
  if (!pack) return undefined;
  if (!api) {
    const yes = 'Uninstall';
    if ((await vscode.window.showWarningMessage(`Uninstall ${pack}?`, { modal: true }, yes)) !== yes) return undefined;
  }
  const r = uninstallPack(store(), pack, { log });
  const removed = r.removed.map((x) => `${x.name}@${x.version}`);
  log(`uninstall ${pack}: ${removed.join(', ') || 'nothing removed'}`);
  refreshExplorer();
  if (!api) void vscode.window.showInformationMessage(`Packs: removed ${removed.join(', ') || 'nothing'}`);
  return { removed };
}
