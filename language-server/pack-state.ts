/**
 * The server's view of the packs being edited: which pack encloses a file, its manifest parsed from
 * the editor buffer when open (else from disk), and the lint issues of the pack — computed by the
 * engine's `lintManifest`, the same function behind `ggen-pack lint`, and memoized per manifest text
 * and per "generation" (bumped whenever a file of the pack changes on disk).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Issue } from '../protocol';
import {
  lintManifest,
  RULES,
  findManifestFile,
  keyPathAt,
  MANIFEST_FILES,
  type PathHit,
  type LoadedManifest,
  parseManifestText,
  openStore,
  type PackStore,
} from '../engine';
import { offsetOf, pathToUri, uriToPath } from './convert';

interface PackEntry {
  loaded: LoadedManifest;
  /** The newest manifest that parsed, for completion while the buffer has a syntax error. */
  lastGood: LoadedManifest | null;
  generation: number;
  /** Undefined until the (full / fast) lint first runs for the pack. */
  lint?: LintResult | undefined;
  fast?: LintResult | undefined;
}

interface LintResult {
  loaded: LoadedManifest;
  generation: number;
  issues: Issue[];
}

/** Codes of the rules the fast lint skips (they read template and query files). */
const FILE_RULES = new Set(RULES.filter((r) => r.meta.needsFiles).map((r) => `packs/${r.meta.id}`));

export class PackState {
  private readonly packs = new Map<string, PackEntry>();
  private readonly roots = new Map<string, string | null>();
  private storeCache: PackStore | null = null;
  private generation = 0;
  /**
   * Packs whose fast (partial) result reached the client since their last full one. Kept apart from
   * the per-pack entries, which any request may rebuild, so no request can drop the promise.
   */
  private readonly awaitingFull = new Set<string>();

  constructor(
    private readonly docs: TextDocuments<TextDocument>,
    readonly home: string,
    private readonly log: (msg: string) => void = () => {},
    /** Called whenever a full lint lands for a pack whose partial result was served: the client must pull again. */
    private readonly onFullAfterPartial: (packDir: string) => void = () => {},
  ) {}

  /** The registry store (bundled catalog + $GGEN_HOME), opened on first use. */
  store(): PackStore {
    return (this.storeCache ??= openStore(this.home));
  }

  /** The pack root enclosing `file` (nearest folder with pack.toml / pack.yaml), or null. */
  packRootOf(file: string): string | null {
    let dir = dirname(file);
    const seen: string[] = [];
    for (;;) {
      const cached = this.roots.get(dir);
      if (cached !== undefined) return this.remember(seen, cached);
      seen.push(dir);
      if (findManifestFile(dir) || this.isOpenManifest(dir)) return this.remember(seen, dir);
      const up = dirname(dir);
      if (up === dir) return this.remember(seen, null);
      dir = up;
    }
  }

  private remember(dirs: string[], root: string | null): string | null {
    for (const d of dirs) this.roots.set(d, root);
    return root;
  }

  private isOpenManifest(dir: string): boolean {
    return MANIFEST_FILES.some((n) => this.docs.get(pathToUri(join(dir, n))) !== undefined);
  }

  /** Text of a file: the open buffer when there is one, else the disk, else null. */
  textOf(file: string): string | null {
    const doc = this.docs.get(pathToUri(file));
    if (doc) return doc.getText();
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  }

  /** The file, pack root, text and character offset behind an LSP position; null outside a pack. */
  cursor(uri: string, line: number, character: number): { file: string; root: string; text: string; offset: number } | null {
    const file = uriToPath(uri);
    const root = file ? this.packRootOf(file) : null;
    const text = file ? this.textOf(file) : null;
    if (!file || !root || text === null) return null;
    return { file, root, text, offset: offsetOf(text, line, character) };
  }

  /** The manifest file a pack uses (pack.toml wins), also when it only exists as an unsaved buffer. */
  manifestFile(packDir: string): string | null {
    const onDisk = findManifestFile(packDir)?.file;
    if (onDisk) return onDisk;
    return MANIFEST_FILES.map((n) => join(packDir, n)).find((f) => this.docs.get(pathToUri(f))) ?? null;
  }

  /** The manifest key path at `offset` of `file` when that file is the pack's own manifest (not a shadowed pack.yaml). */
  manifestKeyAt(packDir: string, file: string, offset: number): { loaded: LoadedManifest; hit: PathHit } | null {
    const loaded = this.manifest(packDir);
    if (!loaded || loaded.file !== file) return null;
    const hit = keyPathAt(loaded, offset);
    return hit ? { loaded, hit } : null;
  }

  /** The pack's parsed manifest (re-parsed only when its text changed). */
  manifest(packDir: string): LoadedManifest | null {
    const file = this.manifestFile(packDir);
    if (!file) return null;
    const text = this.textOf(file);
    if (text === null) return null;
    const entry = this.packs.get(packDir);
    if (entry && entry.loaded.file === file && entry.loaded.text === text) return entry.loaded;
    const loaded = parseManifestText(text, file.endsWith('.toml') ? 'toml' : 'yaml', file);
    let lastGood = loaded.manifest ? loaded : (entry?.lastGood ?? null);
    if (!lastGood) {
      // Opened mid-edit: the saved file is the best guess of the structure being edited.
      const disk = readText(file);
      const parsed = disk !== null && disk !== text ? parseManifestText(disk, loaded.format, file) : null;
      if (parsed?.manifest) lastGood = parsed;
    }
    this.packs.set(packDir, { loaded, lastGood, generation: entry?.generation ?? this.generation, lint: entry?.lint, fast: entry?.fast });
    return loaded;
  }

  /** The newest manifest of the pack that parsed (the current one when it does). */
  lastGoodManifest(packDir: string): LoadedManifest | null {
    const loaded = this.manifest(packDir);
    return loaded?.manifest ? loaded : (this.packs.get(packDir)?.lastGood ?? null);
  }

  /**
   * The pack's issues for its current text. When the full lint (every rule, exactly `ggen-pack lint`)
   * is cached for this text and generation, that; otherwise the fast lint (syntax, schema, manifest
   * rules: milliseconds) plus the file-reading rules' issues of the previous full run, with
   * `complete: false` — the caller schedules `lintFull` and refreshes the client when it lands.
   */
  issues(packDir: string): { issues: Issue[]; complete: boolean } {
    const loaded = this.manifest(packDir);
    if (!loaded) return { issues: [], complete: true };
    const entry = this.packs.get(packDir)!;
    if (entry.lint && entry.lint.loaded === loaded && entry.lint.generation === entry.generation)
      return { issues: entry.lint.issues, complete: true };
    if (!loaded.manifest) return { issues: loaded.issues, complete: true };
    if (!(entry.fast && entry.fast.loaded === loaded && entry.fast.generation === entry.generation)) {
      const fast = this.run(loaded, packDir, true);
      const carried = (entry.lint?.issues ?? []).filter((i) => FILE_RULES.has(i.code));
      entry.fast = { loaded, generation: entry.generation, issues: dedupe([...fast, ...carried]) };
    }
    return { issues: entry.fast.issues, complete: false };
  }

  /** The diagnostics handler sent this pack's partial result: whoever computes the full one tells the client. */
  servedPartial(packDir: string): void {
    this.awaitingFull.add(packDir);
  }

  /**
   * Run the full lint of the pack now, whoever asks (the debounced pass, a code action); true when it
   * computed something new. When a partial result was served, the client is told to pull again —
   * also when the full result was already there, so no order of requests can lose the refresh.
   */
  lintFull(packDir: string): boolean {
    const loaded = this.manifest(packDir);
    const entry = this.packs.get(packDir);
    if (!loaded?.manifest || !entry) return false;
    const fresh = !(entry.lint && entry.lint.loaded === loaded && entry.lint.generation === entry.generation);
    if (fresh) entry.lint = { loaded, generation: entry.generation, issues: this.run(loaded, packDir, false) };
    if (this.awaitingFull.delete(packDir)) this.onFullAfterPartial(packDir);
    return fresh;
  }

  private run(loaded: LoadedManifest, packDir: string, fast: boolean): Issue[] {
    try {
      return dedupe(lintManifest(loaded, packDir, { store: this.store(), fast }));
    } catch (err) {
      this.log(`lint failed for ${packDir}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return loaded.issues;
    }
  }

  /** A file under `packDir` changed on disk: lint results of that pack are stale. */
  touch(file: string): string | null {
    this.generation++;
    const root = this.packRootOf(file);
    // A manifest appearing or vanishing changes which folders are packs.
    if (/[\\/]pack\.(toml|ya?ml)$/.test(file)) this.roots.clear();
    for (const [dir, e] of this.packs) {
      if (dir === root || file.startsWith(dir)) e.generation = this.generation;
    }
    if (file.startsWith(this.home)) {
      this.storeCache = null;
      for (const e of this.packs.values()) e.generation = this.generation;
    }
    return root;
  }

  /** Packs currently known (manifests parsed at least once). */
  knownPacks(): string[] {
    return [...this.packs.keys()];
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Absolute file an issue is about: its `file` (absolute or pack-relative), else the manifest. */
export function issueFile(issue: Issue, packDir: string, manifestFile: string): string {
  if (!issue.file) return manifestFile;
  return isAbsolute(issue.file) ? issue.file : resolve(packDir, issue.file);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = JSON.stringify([i.code, i.message, i.range, i.file]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
