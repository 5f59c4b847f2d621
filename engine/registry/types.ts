/**
 * The contract of the pack sources (SPEC §5, §10 "Sources"): bundled catalog (read-only, shipped in
 * examples/packs), local registry ($GGEN_HOME/packs), and later remote registries. Generation,
 * validation, scoring and the language server find packs only through `PackStore`.
 */
import type { PackSourceKind, PackSummary } from '../../protocol';
import type { LoadedManifest } from '../manifest/load';
import type { Manifest } from '../manifest/model';

/** One concrete pack version somewhere on disk. */
export interface PackRecord {
  name: string;
  version: string;
  source: PackSourceKind;
  /** Absolute path of the pack root (the folder holding pack.toml / pack.yaml). */
  dir: string;
  /** True if the local registry holds this version. */
  installed: boolean;
  /** In the local registry: installed by the user (true) or only as a dependency (false). */
  explicit?: boolean;
  /** A remote record's registry URL: what install records as the pack's `from` (and packs.lock as its source). */
  origin?: string;
}

/** A pack record with its manifest loaded. */
export interface LoadedPack extends PackRecord {
  manifest: Manifest;
  /** The manifest as read (text, raw document): generation lints it without reading it again. */
  loaded?: LoadedManifest;
}

export type SourceFilter = 'bundled' | 'local' | 'remote' | 'all';

export interface PackStore {
  /** $GGEN_HOME. */
  readonly home: string;
  /** Summaries of every version-latest pack in the chosen sources (fast: from indexes, no manifest parsing). */
  summaries(source?: SourceFilter): PackSummary[];
  /** Every known version of `name`, newest first, across sources. */
  versions(name: string, source?: SourceFilter): PackRecord[];
  /**
   * The highest version of `name` satisfying `range` (default `*`, no pre-releases unless the range
   * asks) across the sources; on a tie the installed copy wins. Null when none matches.
   */
  find(name: string, range?: string, source?: SourceFilter): PackRecord | null;
  /** Load a record's manifest (throws ValidationError with issues if it does not parse). */
  load(record: PackRecord): LoadedPack;
}
