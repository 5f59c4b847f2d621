// The layer rules of ARCHITECTURE.md ("Layers"), checked by `npm run lint` on every import in the tree.
// test/unit/layers.test.ts runs this same file over test/fixtures/layers/, where each rule is broken
// once on purpose, so a rule that stops matching fails a test instead of passing silently.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and layers meaningless; move the shared part into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'engine/ and protocol/ run in every front end and in CI: no VS Code or LSP libraries (ARCHITECTURE.md "Layers").',
      from: { path: '^(engine|protocol)/' },
      to: { path: '(^|/)node_modules/(vscode|@types/vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)/|^vscode$' },
    },
    {
      name: 'protocol-is-self-contained',
      severity: 'error',
      comment: 'protocol/ holds the types that cross process boundaries; it imports nothing but itself.',
      from: { path: '^protocol/' },
      to: { pathNot: '^protocol/' },
    },
    {
      name: 'engine-core-knows-no-front-end',
      severity: 'error',
      comment: 'The engine is used by the CLI, the language server and the extension; it never reaches back into any of them.',
      from: { path: '^engine/', pathNot: '^engine/cli/' },
      to: { path: '^(engine/cli|language-server|extension|webview)/' },
    },
    {
      name: 'front-ends-use-the-public-api',
      severity: 'error',
      comment:
        'The language server, the extension and the webviews import the engine through engine/index.ts only. ' +
        'A launcher may import the 2 KB code-cache loader itself, so that starting does not load the whole engine.',
      from: {
        path: '^(language-server|extension|webview)/',
        pathNot: '^(language-server|extension)/launcher\\.ts$|^extension/engine-config\\.ts$',
      },
      to: { path: '^engine/', pathNot: '^engine/index\\.ts$' },
    },
    {
      name: 'front-ends-use-the-public-api',
      severity: 'error',
      comment: 'See above: the launcher exception is for the code-cache loader only.',
      from: { path: '^(language-server|extension)/launcher\\.ts$' },
      to: { path: '^engine/', pathNot: '^engine/(index|util/compile-cache)\\.ts$' },
    },
    {
      name: 'cli-uses-the-public-api',
      severity: 'error',
      comment:
        'The CLI is a front end like the others: engine/cli/ imports the engine through engine/index.ts only ' +
        '(besides its own files and protocol/), so every verb runs on the API the language server and the extension use.',
      from: { path: '^engine/cli/', pathNot: '^engine/cli/launcher\\.ts$' },
      to: { path: '^engine/', pathNot: '^engine/(index\\.ts$|cli/)' },
    },
    {
      name: 'cli-uses-the-public-api',
      severity: 'error',
      comment: 'The CLI launcher (dist/cli.js, 2 KB) may also import the code-cache loader itself, like the other launchers.',
      from: { path: '^engine/cli/launcher\\.ts$' },
      to: { path: '^engine/', pathNot: '^engine/((index|util/compile-cache)\\.ts$|cli/)' },
    },
    {
      name: 'front-ends-use-the-public-api',
      severity: 'error',
      comment:
        'The extension loads the engine on first use; extension/engine-config.ts may read engine/config.ts (dependency-free) ' +
        'so that activation knows $GGEN_HOME without loading the engine.',
      from: { path: '^extension/engine-config\\.ts$' },
      to: { path: '^engine/', pathNot: '^engine/(index|config)\\.ts$' },
    },
    {
      name: 'language-server-is-not-the-editor',
      severity: 'error',
      comment: 'The language server is its own process over LSP; the vscode API exists only in the extension host.',
      from: { path: '^language-server/' },
      to: { path: '(^|/)node_modules/(@types/vscode|vscode-languageclient)/|^vscode$' },
    },
    {
      name: 'webview-imports-only-protocol',
      severity: 'error',
      comment:
        'Webview code runs in a browser sandbox: it talks to the host through protocol/ messages and may use browser ' +
        'packages from npm, never engine, extension or Node code.',
      from: { path: '^webview/' },
      to: { pathNot: '^(protocol|webview)/|(^|/)node_modules/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true, pathNot: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|examples)/|(^|/)test/fixtures/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
