/** The engine's own version: `ggen-pack --version`, and what `min_engine_version` is checked against. */
export const ENGINE_VERSION = '0.1.0';
