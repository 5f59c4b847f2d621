/**
 * A test client for the BUILT language server (dist/language-server.js over stdio), using the client
 * side of vscode-languageserver-protocol — no VS Code. Everything is awaited responses and
 * notifications; nothing sleeps.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'language-server.js');
export const uri = (file: string) => pathToFileURL(file).href;

/** Build dist/ once when it is missing (npm test builds first; a lone test run may not have). */
export function ensureBuilt(): void {
  if (existsSync(SERVER) && existsSync(join(ROOT, 'dist', 'cli.js'))) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.mjs failed');
}

export interface Client {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Resolves at the next workspace/diagnostic/refresh request from the server. */
  nextRefresh(): Promise<void>;
  open(file: string, text?: string): Promise<void>;
  change(file: string, text: string): Promise<void>;
  save(file: string): Promise<void>;
  /** The settled (full-lint) diagnostics: re-pulls after the server's refresh while a result is partial. */
  diagnostics(file: string): Promise<Diagnostic[]>;
  /** One pull, as is (`partial-…` result ids come from the fast lint). */
  pull(file: string): Promise<{ resultId?: string; items: Diagnostic[] }>;
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<void>;
}

const LANG: Record<string, string> = { toml: 'toml', yaml: 'yaml', yml: 'yaml', rq: 'sparql', sparql: 'sparql', mustache: 'handlebars' };

/** Start the server with `GGEN_HOME` = `home` and initialize it like VS Code would (pull diagnostics, refresh). */
export async function startServer(
  home: string,
  opts: { debugInfo?: boolean; env?: NodeJS.ProcessEnv; args?: string[] } = {},
): Promise<Client> {
  ensureBuilt();
  const args = [SERVER, '--stdio', ...(opts.debugInfo ? ['--debug-info'] : []), ...(opts.args ?? [])];
  const proc = spawn(process.execPath, args, { env: { ...process.env, GGEN_HOME: home, ...opts.env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let waiters: (() => void)[] = [];
  conn.onRequest('workspace/diagnostic/refresh', () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
    return null;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: {
        diagnostics: { refreshSupport: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      },
      textDocument: {
        diagnostic: { dynamicRegistration: false },
        completion: { completionItem: { snippetSupport: true } },
        rename: { prepareSupport: true },
      },
    },
    initializationOptions: { ggenHome: home },
  });
  await conn.sendNotification('initialized', {});
  const versions = new Map<string, number>();
  return {
    conn,
    proc,
    nextRefresh: () => new Promise<void>((r) => waiters.push(r)),
    async open(file, text) {
      const ext = file.split('.').pop() ?? '';
      versions.set(file, 1);
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(file), languageId: LANG[ext] ?? 'plaintext', version: 1, text: text ?? readFileSync(file, 'utf8') },
      });
    },
    async change(file, text) {
      const v = (versions.get(file) ?? 1) + 1;
      versions.set(file, v);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version: v }, contentChanges: [{ text }] });
    },
    async save(file) {
      await conn.sendNotification('textDocument/didSave', { textDocument: { uri: uri(file) } });
    },
    async diagnostics(file) {
      for (;;) {
        const refreshed = new Promise<void>((r) => waiters.push(r));
        const r = await conn.sendRequest<{ resultId?: string; items: Diagnostic[] }>('textDocument/diagnostic', {
          textDocument: { uri: uri(file) },
        });
        if (!r.resultId?.startsWith('partial')) return r.items;
        await refreshed;
      }
    },
    pull: (file) => conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(file) } }),
    request: (method, params) => conn.sendRequest(method, params),
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await exited;
      conn.dispose();
    },
  };
}

/** Apply LSP text edits to a text (edits must not overlap, as LSP requires). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const offset = (line: number, ch: number) => {
    let o = 0;
    for (let l = 0; l < line; l++) o = text.indexOf('\n', o) + 1;
    return o + ch;
  };
  const sorted = edits
    .map((e) => ({
      s: offset(e.range.start.line, e.range.start.character),
      e: offset(e.range.end.line, e.range.end.character),
      t: e.newText,
    }))
    .sort((a, b) => b.s - a.s || b.e - a.e);
  for (const x of sorted) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

/** Apply a WorkspaceEdit to the files on disk (creates files; `changes` or `documentChanges`). Returns the touched files. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  const edits = new Map<string, TextEdit[]>();
  for (const [u, es] of Object.entries(edit.changes ?? {})) edits.set(u, es);
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c) {
      if (c.kind === 'create') {
        const f = new URL(c.uri).pathname;
        mkdirSync(dirname(f), { recursive: true });
        if (!existsSync(f)) writeFileSync(f, '');
      }
      continue;
    }
    edits.set(c.textDocument.uri, [...(edits.get(c.textDocument.uri) ?? []), ...(c.edits as TextEdit[])]);
  }
  for (const [u, es] of edits) {
    const f = decodeURIComponent(new URL(u).pathname);
    writeFileSync(f, applyEdits(existsSync(f) ? readFileSync(f, 'utf8') : '', es));
    touched.push(f);
  }
  return touched;
}
