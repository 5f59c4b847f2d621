/**
 * The engine's public API: what the CLI verbs, the language server and (next) the VS Code extension
 * call. Front ends import from here rather than reaching into module internals; everything is pure
 * TypeScript over Node's fs (no VS Code, no LSP types). Failures throw `PackError` subclasses, user
 * mistakes come back as `Issue` values (protocol/).
 */

/** Engine version (`ggen-pack --version`, checked against a pack's `min_engine_version`) and the ggen pack format version (checked against `min_ggen_version`). */
export { ENGINE_VERSION, GGEN_PACK_FORMAT_VERSION } from './version';

/** Where the engine keeps and finds things; each front end fills it in once at start-up. */
export { configFromEnvironment, setEngineConfig, engineConfig, type EngineConfig } from './config';
export { bytesUnder, checkConfiguration, systemInfo, removableCacheDir, packsDirFor, cacheDirFor, type SystemInfo } from './system';

/** Failure classes, each mapped to one CLI exit code (SPEC §10). */
export {
  PackError,
  ValidationError,
  ResolutionError,
  GenerationError,
  PermissionError,
  NotFoundError,
  ConfigError,
  NetworkError,
  CancelledError,
  exitCodeOf,
} from './errors';

/**
 * The flows every front end runs (engine/flows/): inputs in, data out, progress through the context's
 * log, hooks only through its trust callback, cancellation through its AbortSignal. Nothing prints.
 */
export { NEVER_TRUST, throwIfCancelled, type FlowContext } from './flows/context';
export {
  generateProject,
  previewGeneration,
  type GenerateRequest,
  type GenerateOutcome,
  type GenerateConflictMode,
} from './flows/generate';
export { composeProject, previewComposition, type ComposeRequest, type ComposeOutcome } from './flows/compose';
export {
  previewWrites,
  settlePreview,
  type PreviewResult,
  type PreviewFile,
  type PreviewAction,
  type ConflictChoice,
  type SettledWrite,
} from './flows/preview';
/** Whether content is binary (a NUL or invalid UTF-8 in its first bytes): editors replace text and binary files differently. */
export { isBinary } from './render/binary';
export { commandLine, runStage as runHookStage, type HookCommand, type HookSession, type Trust } from './hooks';

/** Manifests: find and parse pack.toml / pack.yaml (from disk or an editor buffer) into the typed model. */
export {
  findManifestFile,
  loadManifest,
  parseManifestText,
  MANIFEST_FILES,
  DEFAULT_MANIFEST_FILE,
  type LoadedManifest,
} from './manifest/load';
export type { Manifest, ManifestFormat, TemplateDef, QueryDef, VariableDef, DependencyDef, VariableValue } from './manifest/model';
/** Variable coercion and validation, shared by generate, lint and the editor. */
export { coerceVariableValue, validateVariableValue } from './manifest/coerce';
/** The variables form's model (fields from the packs' declarations, shared ones once) and its check by the same validator. */
export {
  buildVariablesForm,
  checkVariablesForm,
  rememberedValues,
  type FormPack,
  type FormOptions,
  type FormCheck,
} from './flows/variables-form';
/** Key path → source range in a manifest (for diagnostics and editor features). */
export { locate, locateExact, type KeyPath } from './manifest/locate';
/** Offsets ↔ 1-based line/column over one text (UTF-16 columns, like LSP). */
export { LineIndex } from './manifest/line-index';

/** Lint and validation: the same rules behind `ggen-pack lint`, `validate`, `check` and the editor. */
export { lintManifest, validatePack, applyFixes, RULES, type ValidationReport } from './lint';
/** Lint fixes as edits: one planner behind `lint --fix` and the editor's quick fixes and fix-all. */
export { planFixes, fixFile, applyTextEdits, type FilePlan, type FixOutcome } from './lint';

/** The maturity score (eight dimensions with advice) used by `score`, `publish` and hovers. */
export { scorePack, maturityLevel, PUBLISH_THRESHOLD } from './score';

/** Pack sources (bundled catalog + local registry), lookups and the `<pack|path>` argument rule. */
export { openStore, type RegistryStore } from './registry/store';
export { resolvePackArg, isPathArg } from './registry/resolve-arg';
export type { PackStore, PackRecord, LoadedPack, SourceFilter } from './registry/types';
export { installPack, refreshStore, type InstallResult } from './registry/install';
export { uninstallPack, type UninstallResult } from './registry/uninstall';
export { searchPacks, type SearchHit } from './registry/search-index';
/** The search panel's query: ranked search + category/tag/minimum-score filters, facets and maturity per row. */
export { browsePacks, packBrowser, maturityOf, type BrowseQuery, type BrowseResult, type BrowseRow } from './registry/browse';

/** Dependency resolution: the closure of a pack, dependencies first (SPEC §4). */
export { resolveGraph, resolveRequirements, type ResolvedGraph } from './resolve';
export { dependencyTree, treeText, type TreeNode } from './resolve/dependency-tree';

/** Generation: plan in memory (preview), then apply atomically (or through an editor's own edit). */
export { planGeneration, applyPlan, type GenerationPlan, type PlannedFile, type VariableLayer } from './generate';

/** Keeping generated projects current: re-render with 3-way merges; newer pack versions; what changed. */
export { regenerate, type RegenerateResult, type RegenFile } from './regenerate';
/** What packs.lock recorded (packs, variables without secrets, files); null when there is none. */
export { readLock, type LockData } from './apply/lockfile';
export { updatePacks, type UpdateResult } from './update';
export { diffPacks, type PackDiff } from './diff';

/** Composition: several packs into one plan, conflicts resolved by rule or mode. */
export { planComposition, type CompositionPlan, type FileConflict } from './compose';
export { loadComposition, compositionFrom, type Composition } from './compose/composition-file';
export { mergeContents } from './compose/merge-content';

/** Bundles: export and verified import. */
export { bundleEntries, writeBundle, packsToBundle } from './archive/write-bundle';
export { importBundle } from './archive/import-bundle';
export { installFromArchive, isUrlSource, looksLikeArchive, type ArchiveInstallResult } from './archive/install-archive';

/** Authoring: scaffold a new pack; the publish pre-checks. */
export { scaffoldPack } from './scaffold';
export { runPublishChecks, type PublishCheck } from './publish/checks';

/**
 * Editor services: the pure "what is at this position" logic behind the language server's
 * completion, hover, definition, rename, links, outline and composition diagnostics. Offsets are
 * UTF-16 offsets into the text given; nothing here knows LSP types.
 */
export { completeManifest, type CompletionKindName, type CompletionSources, type EditorCompletion } from './editor/complete-manifest';
export { completeQuery } from './editor/complete-query';
export { completeTemplate } from './editor/complete-template';
export { checkComposition } from './editor/composition-check';
export { dependencyHover, queryHover, schemaHover, variableHover } from './editor/hover-text';
export { keyPathAt, type PathHit } from './editor/key-path-at';
export { manifestPaths, type ManifestPath } from './editor/manifest-paths';
export { tagAt, tagVariable, type MustacheTag } from './editor/mustache-tags';
export { manifestOutline, type EditorSymbol, type SymbolKindName } from './editor/outline';
export { listPackFiles } from './editor/pack-files';
export { variableSites, type NameSite } from './editor/variable-refs';

/**
 * What the CLI needs beyond the above (its verbs import only this file; .dependency-cruiser.cjs
 * "cli-uses-the-public-api"). Option parsing and printing stay in engine/cli/; these are the engine
 * pieces behind them.
 */
/** The `error.code` of the JSON envelope for an exit code (SPEC §10). */
export { errorCodeOfExit, type ErrorCode } from './errors';
/** Small shared helpers: an option value as text; the pack categories (`--category`). */
export { toText } from './util/to-text';
export { CATEGORIES, type Category } from './manifest/model';
/** Generation inputs: `--var name=value`, `--vars <file>`, and the `--data` files checked up front. */
export { parseVarArgs, loadVarsFile } from './render/vars-input';
export { statInput } from './fs/read-input';
/** Registry extras: configured remotes (`publish`, the `list`/`search` note), a pack finder, `show`/`info`. */
export { configuredRegistries, remoteNote } from './registry/remote-config';

/**
 * Remote (npm-compatible) registries (SPEC §5): configured in `$GGEN_HOME/config.toml` [registries]
 * (scopes and a default) or per call (`registry`); auth from `token`, else .npmrc / NPM_CONFIG_*.
 * Every function fetches first, falls back to the cache when a registry does not answer (a warning
 * through `log`), and throws NetworkError (exit 5) only when something needed was never fetched.
 */
/** The registries in force for a home (`--registry` replaces them): name, URL, scope, and the default. */
export { registrySetup, type RegistrySetup, type RegistryEntry } from './registry/remote-config';
/** Ranked search across local, bundled and remote packs (`source` narrows it); every hit's summary says its source. */
export { searchAllSources, remoteSummaries, type RemoteSearchOptions } from './registry/remote-search';
/** Install `name[@range]` (or a path) with its dependency closure from any source, remote ones verified (dist.integrity + per-file SHA-256). */
export { installFromRegistries, installFromUrl, updateFromRegistries, storeFor, type RemoteOptions } from './registry/remote-install';
/** A store that also sees the remote registries, for `want`ed packs (fetched into the cache first). */
export { openRemoteStore, type RemoteStore, type RemoteStoreOptions } from './registry/remote-store';
/** Publish a pack folder: the pre-checks (version asked of the registry), then build and upload (unless `dryRun`). */
export { publishPack, type PublishRequest, type PublishOutcome } from './publish/publish';
/** The npm package of a pack (name mapping = identity, keyword `ggen-pack`), as publish builds it. */
export { buildNpmPackage, npmNameOf, PACK_KEYWORD, type BuiltPackage } from './registry/npm-package';
export { packFinder } from './registry/store';
export { describePack, summarizePack, type PackDescription } from './registry/describe';
/** The parts of `validate` beyond lintManifest: compatibility with another pack, the score, issue order. */
export { checkCompatibility, validationScore, sortIssues } from './lint';
/** `publish --force`: failed pre-checks downgraded to warnings. */
export { applyForce } from './publish/checks';
/** Composition on the command line: `--packs a,b`, `--on-conflict`; `merge` of two folders. */
export { CONFLICT_MODES, compositionOfList, type ConflictMode } from './compose/composition-file';
export { mergeTrees, type MergeStrategy } from './compose/merge-trees';
/** What `regenerate` did to each file, and the text of `diff --format unified`. */
export type { RegenAction } from './regenerate';
export { unifiedDiff, type FieldChange, type Section as DiffSection } from './diff';
/** Bundle format from a file name (`export`), or from `--archive-format` checked against it. */
export { formatOf, bundleFormat, BUNDLE_FORMATS } from './archive/bundle';
/** Authoring: `create` writes the scaffold; `init` infers a pack from an existing folder. */
export { writeNewFolder, type ScaffoldKind } from './scaffold';
export { isKebabPackName, kebabCase } from './scaffold/text';
export { inferPack, displayPath } from './scaffold/infer';
export { initPack, type InitResult } from './scaffold/init-pack';
/** `benchmark`: timings of the generation phases. */
export { benchmarkGeneration, PHASES, type Stats as BenchmarkStats } from './benchmark';

/** What the extension's commands need beyond the above. */
/** The shapes `packs.benchmark`, `packs.export` and `packs.import` return. */
export type { BenchmarkResult } from './benchmark';
export type { BundlePack } from './archive/bundle';
export type { InstallStep } from './registry/install';
