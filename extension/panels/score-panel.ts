/**
 * The quality-score panel's host (`packs.openScore`): one editor panel showing one pack's maturity
 * score, validation issues and publish gate. A second call with another pack re-targets the same
 * panel. The report is rebuilt when a file of the pack is saved and pushed as a `report` event.
 * After a reload the serializer rebuilds the panel from the webview's state (`ScorePanelState`).
 */
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import * as vscode from 'vscode';
import {
  isScorePanelState,
  SCORE_GUARDS,
  type ScoreIssue,
  type ScorePanelApi,
  type ScorePanelEvent,
  type ScoreReport,
} from '../../protocol/score-panel';
import type { Handlers } from '../../protocol/webview';
import { loadManifest, NotFoundError, PUBLISH_THRESHOLD, resolvePackArg, runPublishChecks, scorePack, validatePack } from '../engine-port';
import { firstFolder, pickPack, store } from '../commands/common';
import { log } from '../output';
import { packDir } from '../commands/quality';
import { paintReporter } from './paint';
import { panelHtml, postEvent, servePanel, webviewOptions } from './webview-host';

export const SCORE_PANEL = 'packs.scorePanel';

/** The report of the pack in `dir`: score, issues and gate, all from the engine. */
export function scoreReport(dir: string): ScoreReport {
  const loaded = loadManifest(dir);
  const manifest = basename(loaded.file);
  const validation = validatePack(dir, { store: store() });
  const issues = validation.issues.map((i): ScoreIssue => {
    const file = packRelative(dir, i.file);
    return {
      code: i.code,
      severity: i.severity,
      message: i.message,
      // A file outside the pack cannot be opened from the panel; its range would point into the manifest.
      file: file === undefined ? null : (file ?? (i.range ? manifest : null)),
      range: file === undefined ? null : i.range,
    };
  });
  const m = loaded.manifest;
  const name = m?.metadata.name ?? basename(dir);
  const version = m?.metadata.version ?? '';
  if (!m) return { pack: { name, version, dir, manifest }, maturity: null, validation: validation.score, issues, gate: null };
  const maturity = scorePack(m);
  const checks = runPublishChecks({ dir, manifest: m, score: maturity, issues: validation.issues, store: store(), registries: {} });
  return {
    pack: { name, version, dir, manifest },
    maturity,
    validation: validation.score,
    issues,
    gate: { passed: !checks.some((c) => c.status === 'fail'), threshold: PUBLISH_THRESHOLD, checks },
  };
}

/** `file` relative to the pack (forward slashes); null when none; undefined when it is outside the pack. */
function packRelative(dir: string, file: string | null): string | null | undefined {
  if (file === null) return null;
  const rel = relative(dir, isAbsolute(file) ? file : resolve(dir, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** The absolute path of `file` (from the webview: untrusted), refused unless it stays inside the pack. */
function insidePack(dir: string, file: string): string {
  const abs = resolve(dir, file);
  const rel = relative(dir, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new NotFoundError(`${file} is not a file of the pack`);
  return abs;
}

interface ScorePanel {
  panel: vscode.WebviewPanel;
  /** The pack shown; undefined after a reload whose state named none (the webview offers a pick). */
  dir: string | undefined;
  /** When it was asked to open; undefined once its first paint was reported. */
  opened: number | undefined;
  /** The report the command already made, answered to the webview's first `load` (then dropped). */
  first?: ScoreReport | undefined;
}

let current: ScorePanel | undefined;

function title(name: string | undefined): string {
  return name ? `Score: ${name}` : 'Pack Score';
}

function handlers(s: ScorePanel): Handlers<ScorePanelApi> {
  const report = (): ScoreReport => {
    if (!s.dir) throw new NotFoundError('No pack chosen: choose one to see its score');
    const r = s.first?.pack.dir === s.dir ? s.first : scoreReport(s.dir);
    s.first = undefined;
    s.panel.title = title(r.pack.name);
    return r;
  };
  return {
    load: report,
    open: async ({ file, range }) => {
      if (!s.dir) throw new NotFoundError('No pack chosen');
      const target = file === null ? loadManifest(s.dir).file : insidePack(s.dir, file);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
      // Protocol ranges are 1-based; the cursor goes to the start (the selection's active end).
      const selection = range
        ? new vscode.Selection(range.end.line - 1, range.end.column - 1, range.start.line - 1, range.start.column - 1)
        : undefined;
      // Beside the panel, so the report stays in view.
      const column = s.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(doc, {
        viewColumn: column,
        preserveFocus: false,
        ...(selection ? { selection } : {}),
      });
      if (selection) {
        editor.selection = selection; // showTextDocument takes it as a Range (cursor at the end)
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      return null;
    },
    pick: async () => {
      // Always a pick (the active manifest is the command's default, not the button's).
      const pack = await pickPack('Pack to score');
      if (!pack) return null;
      const dir = resolvePackArg(store(), firstFolder() ?? process.cwd(), pack).dir;
      s.dir = dir;
      return report();
    },
    painted: () => {
      if (s.opened !== undefined) {
        const ms = performance.now() - s.opened;
        log(`score panel: first paint ${ms.toFixed(0)} ms after the command`);
        paintReporter('score', s.opened)(); // the extension API's panels.onDidPaint (the bench)
      }
      s.opened = undefined;
      return null;
    },
  };
}

function adopt(panel: vscode.WebviewPanel, dir: string | undefined, opened: number, first?: ScoreReport): ScorePanel {
  const s: ScorePanel = { panel, dir, opened, first };
  current = s;
  panel.webview.options = webviewOptions();
  panel.webview.html = panelHtml(panel.webview, 'score', 'Pack Score');
  const push = (doc: vscode.TextDocument) => {
    if (!s.dir || !(doc.uri.fsPath === s.dir || doc.uri.fsPath.startsWith(s.dir + sep))) return;
    s.first = undefined;
    try {
      const report = scoreReport(s.dir);
      panel.title = title(report.pack.name);
      postEvent<ScorePanelEvent>(panel.webview, { event: 'report', report });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const message = err instanceof Error ? err.message : String(err);
      postEvent<ScorePanelEvent>(panel.webview, { event: 'error', error: { code: typeof code === 'string' ? code : 'failed', message } });
    }
  };
  const wiring = vscode.Disposable.from(
    servePanel(panel.webview, 'score', SCORE_GUARDS, handlers(s)),
    vscode.workspace.onDidSaveTextDocument(push),
  );
  panel.onDidDispose(() => {
    wiring.dispose();
    if (current === s) current = undefined;
  });
  return s;
}

export interface OpenScoreResult {
  dir: string;
  name: string;
  total: number | null;
  level: string | null;
}

/**
 * `packs.openScore`: the panel for the explorer node's pack, the API's `{ pack }`, the active
 * manifest's pack, or a picked one. Resolves to what it shows (undefined when the pick was dismissed).
 */
export async function openScorePanel(arg?: unknown): Promise<OpenScoreResult | undefined> {
  const dir = await packDir(arg, 'score');
  if (!dir) return undefined;
  // First paint is measured from here: a pick's time is the user's.
  const opened = performance.now();
  const report = scoreReport(dir); // an API caller gets a bad pack as a rejection, before any panel opens
  if (current) {
    current.dir = dir;
    current.first = undefined;
    current.panel.title = title(report.pack.name);
    current.panel.reveal(undefined, true);
    postEvent<ScorePanelEvent>(current.panel.webview, { event: 'report', report });
  } else {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(SCORE_PANEL, title(report.pack.name), column, {
      ...webviewOptions(),
      retainContextWhenHidden: false,
    });
    adopt(panel, dir, opened, report);
    log(`score panel: report of ${dir} in ${(performance.now() - opened).toFixed(0)} ms`);
  }
  return { dir, name: report.pack.name, total: report.maturity?.total ?? null, level: report.maturity?.level ?? null };
}

export function registerScorePanel(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(SCORE_PANEL, {
      deserializeWebviewPanel(panel, state: unknown) {
        const s = isScorePanelState(state) ? state : undefined;
        panel.title = title(s?.name);
        adopt(panel, s?.dir, performance.now());
        return Promise.resolve();
      },
    }),
  );
}
