/**
 * The search panel's host: the same handlers serve the webview view in the Packs container
 * (`packs.searchView`) and the editor panel of `packs.openSearch` (restored after a reload by its
 * serializer; the webview keeps its query, filters and selection in its state). Buttons run the
 * palette's commands with the pack as their argument, so the panel does nothing the palette cannot.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  type PackDetails,
  type PackRef,
  type RemoteResults,
  SEARCH_GUARDS,
  type SearchPanelApi,
  type SearchPanelEvent,
  type SearchQuery,
  type SearchRow,
} from '../../protocol/search-panel';
import type { Handlers } from '../../protocol/webview';
import { engineConfig, maturityOf, packBrowser, registrySetup, searchAllSources, type RegistryStore } from '../engine-port';
import { log } from '../output';
import { registryToken } from '../registry-tokens';
import { onDidRefreshExplorer } from '../explorer/tree-provider';
import { store } from '../commands/common';
import { paintReporter } from './paint';
import { panelHtml, postEvent, servePanel, webviewOptions } from './webview-host';

export const SEARCH_VIEW = 'packs.searchView';
export const SEARCH_PANEL = 'packs.searchPanel';

function details(s: RegistryStore, ref: PackRef, row: SearchRow | undefined): PackDetails {
  const record = s.find(ref.name, ref.version);
  if (!record && ref.source === 'remote' && row) {
    // On a registry only: what its search said; the rest once it is installed.
    const { relevance: _r, maturity: _m, level: _l, ...summary } = row;
    return {
      summary,
      author: null,
      license: null,
      readme: null,
      templates: [],
      variables: [],
      dependencies: [],
      maturity: null,
      remoteOnly: true,
    };
  }
  if (!record) throw new Error(`${ref.name}@${ref.version} is no longer available`);
  const pack = s.load(record);
  const m = pack.manifest;
  const summary = s.summary(ref.name) ?? {
    name: ref.name,
    version: ref.version,
    title: m.metadata.title ?? null,
    description: m.metadata.description,
    category: m.metadata.category,
    tags: m.metadata.tags,
    source: ref.source,
    installed: false,
  };
  const readmeFile = ['README.md', 'readme.md', 'README'].map((f) => join(pack.dir, f)).find((f) => existsSync(f));
  return {
    summary: { ...summary, version: pack.version },
    author: m.metadata.author?.name ?? null,
    license: m.metadata.license ?? null,
    readme: readmeFile ? readFileSync(readmeFile, 'utf8') : null,
    templates: m.templates.map((t) => t.alias),
    variables: m.variables.map((v) => ({ name: v.name, type: v.type, required: v.required, description: v.description ?? null })),
    dependencies: m.dependencies.map((d) => ({ name: d.name, version: d.version, optional: d.optional })),
    maturity: maturityOf(s, summary),
    remoteOnly: false,
  };
}

/** The registries' hits merged with the local ones, filtered like the local answer. */
async function remoteAnswer(q: SearchQuery): Promise<RemoteResults> {
  const home = engineConfig().home;
  const notes: string[] = [];
  const token = await registryToken(registrySetup(home).defaultUrl);
  let hits;
  try {
    hits = await searchAllSources(home, q.query, { token, log: (m: string) => (log(m), notes.push(m)) });
  } catch (err) {
    return { rows: [], total: 0, note: `The registries did not answer: ${err instanceof Error ? err.message : String(err)}` };
  }
  const rows: SearchRow[] = hits
    .filter(({ summary: x }) => (q.category === null || x.category === q.category) && (q.tag === null || x.tags.includes(q.tag)))
    .map(({ summary, score }) => {
      const m = summary.source === 'remote' ? null : maturityOf(store(), summary);
      return { ...summary, relevance: score, maturity: m?.total ?? null, level: m?.level ?? null };
    })
    .filter((r) => q.minScore === 0 || (r.maturity ?? 0) >= q.minScore);
  const sorted = q.query.trim() ? rows : rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  lastRemote = new Map(sorted.filter((r) => r.source === 'remote').map((r) => [r.name, r]));
  return {
    rows: sorted.slice(0, 50),
    total: sorted.length,
    note: notes.find((n) => /offline|cache|unreachable|did not answer/i.test(n)) ?? null,
  };
}

/** The remote rows last shown, so their details can be answered without the network. */
let lastRemote = new Map<string, SearchRow>();

const COMMAND_IDS = { install: 'packs.install', generate: 'packs.generate', show: 'packs.show', score: 'packs.openScore' } as const;

const hasRegistries = (): boolean => {
  try {
    return registrySetup(engineConfig().home).registries.length > 0;
  } catch {
    return false; // a config.toml that does not parse: the CLI and the explorer say why
  }
};

/** One browser per store state (it holds the summaries and facets); a change of the store drops it. */
let browse: ReturnType<typeof packBrowser> | undefined;

function handlers(opened: number): Handlers<SearchPanelApi> {
  return {
    search: (q) => {
      const t0 = performance.now();
      browse ??= packBrowser(store());
      const r = browse(q);
      return { query: q, ...r, engineMs: performance.now() - t0, remoteConfigured: hasRegistries() };
    },
    details: (ref) => details(store(), ref, lastRemote.get(ref.name)),
    remote: remoteAnswer,
    maturity: ({ packs }) => {
      const s = store();
      return packs.flatMap((ref) => {
        const summary = s.summary(ref.name);
        return summary ? [{ name: ref.name, ...maturityOf(s, summary) }] : [];
      });
    },
    run: async ({ command, pack }) => {
      // The explorer's node shape: what the palette commands accept as "this pack".
      await vscode.commands.executeCommand(COMMAND_IDS[command], { kind: 'pack', ...pack, dir: null });
      return { done: true };
    },
    painted: paintReporter('search', opened),
  };
}

/** Wires one webview (view or panel) to the handlers and to store changes. */
function attach(webview: vscode.Webview, opened: number, surface: 'editor' | 'sidebar'): vscode.Disposable {
  webview.options = webviewOptions();
  webview.html = panelHtml(webview, 'search', 'Pack Search', surface);
  return vscode.Disposable.from(
    servePanel(webview, 'search', SEARCH_GUARDS, handlers(opened)),
    onDidRefreshExplorer(() => {
      browse = undefined;
      postEvent<SearchPanelEvent>(webview, { event: 'storeChanged' });
    }),
  );
}

let panel: vscode.WebviewPanel | undefined;

/** `packs.openSearch`: the search panel in an editor tab (one; a second call reveals it). */
export function openSearchPanel(): vscode.WebviewPanel {
  const opened = performance.now();
  if (panel) {
    panel.reveal();
    postEvent<SearchPanelEvent>(panel.webview, { event: 'focusQuery' });
    return panel;
  }
  const p = vscode.window.createWebviewPanel(SEARCH_PANEL, 'Pack Search', vscode.ViewColumn.Active, {
    ...webviewOptions(),
    retainContextWhenHidden: false,
  });
  adopt(p, opened);
  return p;
}

function adopt(p: vscode.WebviewPanel, opened: number): void {
  panel = p;
  const wiring = attach(p.webview, opened, 'editor');
  p.onDidDispose(() => {
    wiring.dispose();
    if (panel === p) panel = undefined;
  });
}

export function registerSearchPanel(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(SEARCH_VIEW, {
      resolveWebviewView(view) {
        const wiring = attach(view.webview, performance.now(), 'sidebar');
        view.onDidDispose(() => void wiring.dispose());
      },
    }),
    // After a reload VS Code recreates the panel; its webview restores its own state (getState).
    vscode.window.registerWebviewPanelSerializer(SEARCH_PANEL, {
      deserializeWebviewPanel(p) {
        adopt(p, performance.now());
        return Promise.resolve();
      },
    }),
  );
}
