/** `dist/language-server.js`: turns on the code cache, then loads the server bundle. */
import { enableCompileCache } from '../engine/util/compile-cache';

enableCompileCache();
require('./language-server-main.js');
