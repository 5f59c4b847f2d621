/**
 * The Packs language server: wiring only. Transport comes from argv (`--stdio`, `--node-ipc`,
 * `--socket`); every answer comes from engine/ through the handlers in ./handlers.
 * `--debug-info` enables the `packs/debugInfo` request (tests and the benchmark).
 */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configFromEnvironment, setEngineConfig } from '../engine';
import { DEBUG_INFO_METHOD } from '../protocol/language-server';
import { uriToPath } from './convert';
import { fileKind } from './file-kind';
import { onCodeAction } from './handlers/code-actions';
import { onCompletion } from './handlers/completion';
import { debugInfo } from './handlers/debug-info';
import { onDefinition } from './handlers/definition';
import { onDiagnostic } from './handlers/diagnostics';
import { onDocumentLinks } from './handlers/links';
import { onHover } from './handlers/hover';
import { onPrepareRename, onRename } from './handlers/rename';
import { onDocumentSymbol } from './handlers/symbols';
import { PackState } from './pack-state';
import { Debouncer } from './debounce';

// `--full-lint-delay=<ms>` lets a test hold the debounced pass back, to prove the refresh does not depend on it.
const FULL_LINT_DELAY_MS = Number(
  /^--full-lint-delay=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--full-lint-delay=')) ?? '')?.[1] ?? 150,
);
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// The environment is read once, here; the client's `ggenHome` initialization option overrides it.
const config = setEngineConfig(configFromEnvironment(process.env));
// A full lint that lands after a partial result was served: tell the client once per tick, whoever computed it.
let refreshQueued = false;
const refreshAfterFull = () => {
  if (!refreshSupported || refreshQueued) return;
  refreshQueued = true;
  setImmediate(() => {
    refreshQueued = false;
    void connection.languages.diagnostics.refresh();
  });
};
let state = new PackState(documents, config.home, undefined, refreshAfterFull);
let refreshSupported = false;
let watchRegistration = false;

// Cross-file diagnostics: when a template, query or manifest changes, the other open documents of
// that pack must be pulled again. Bursts (a save-all, a git checkout) coalesce into one refresh.
const refresh = new Debouncer(100, () => {
  if (refreshSupported) void connection.languages.diagnostics.refresh();
});

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const home = (params.initializationOptions as { ggenHome?: string } | undefined)?.ggenHome;
  if (home) setEngineConfig({ home });
  state = new PackState(documents, home ?? state.home, (m) => connection.console.error(m), refreshAfterFull);
  refreshSupported = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
  watchRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
      completionProvider: { triggerCharacters: ['.', '"', '[', '{', ' ', ':', '='] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] },
      documentSymbolProvider: true,
      definitionProvider: true,
      documentLinkProvider: { resolveProvider: false },
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: 'packs-language-server' },
  };
});

connection.onInitialized(() => {
  if (watchRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{mustache,rq,sparql,toml,yaml,yml,ttl,nt,nq,trig,md}' }, { globPattern: '**/LICENSE*' }],
    });
  }
});

const s = () => state;
// The full lint (template and query files too) runs once typing pauses; its result reaches the
// client through a refresh (PackState's onFullAfterPartial), so pulls while typing stay within the
// fast lint's few milliseconds.
const pendingFull = new Set<string>();
const fullLint = new Debouncer(FULL_LINT_DELAY_MS, () => {
  for (const root of pendingFull) state.lintFull(root);
  pendingFull.clear();
});
connection.languages.diagnostics.on((p) =>
  onDiagnostic(
    s(),
    refreshSupported
      ? (root) => {
          pendingFull.add(root);
          fullLint.trigger();
        }
      : null,
  )(p),
);
connection.onDocumentSymbol((p) => onDocumentSymbol(s())(p));
connection.onCompletion((p) => onCompletion(s())(p));
connection.onHover((p) => onHover(s())(p));
connection.onCodeAction((p) => onCodeAction(s(), documents)(p));
connection.onDefinition((p) => onDefinition(s())(p));
connection.onDocumentLinks((p) => onDocumentLinks(s())(p));
connection.onPrepareRename((p) => onPrepareRename(s())(p));
connection.onRenameRequest((p) => onRename(s())(p));
if (process.argv.includes('--debug-info')) connection.onRequest(DEBUG_INFO_METHOD, () => debugInfo(s()));

connection.onDidChangeWatchedFiles((p) => {
  for (const c of p.changes) {
    const file = uriToPath(c.uri);
    if (file) state.touch(file);
  }
  refresh.trigger();
});

documents.onDidSave((e) => {
  const file = uriToPath(e.document.uri);
  if (!file) return;
  state.touch(file);
  refresh.trigger();
});

documents.onDidChangeContent((e) => {
  // A manifest edit changes what its open templates and queries report (undeclared variables…).
  const file = uriToPath(e.document.uri);
  if (file && fileKind(file, false) === 'manifest' && documents.all().length > 1) refresh.trigger();
});

documents.listen(connection);
connection.listen();
