/** The engine's own version: `ggen-pack --version`, and what `min_engine_version` is checked against. */
export const ENGINE_VERSION = '0.1.0';

/**
 * The ggen pack format this engine implements: the design's newest document set (the pack system
 * architecture, version 3.3). A pack's `min_ggen_version` is checked against it — it names ggen's
 * pack format, not this package — and `min_engine_version` against ENGINE_VERSION.
 */
export const GGEN_PACK_FORMAT_VERSION = '3.3.0';
