/** `dist/cli.js`: turns on the code cache, then loads the CLI bundle (dist/ggen-pack.js). */
import { enableCompileCache } from '../util/compile-cache';

enableCompileCache();
require('./ggen-pack.js');
