/**
 * The engine as the extension host loads it: a separate bundle (dist/extension-engine.js), required
 * on the first use of anything from engine-port.ts, and configured from the `packs.*` settings before
 * any of it runs.
 */
import { setEngineConfig } from '../engine/index';
import { extensionRoot, settingsConfig } from './engine-config';

export * from '../engine/index';

setEngineConfig(settingsConfig(extensionRoot()));
