/** `dist/language-server.js`: runs the server bundle (dist/language-server-main.js) through the code cache. */
import { join } from 'node:path';
import { loadWithCodeCache } from '../engine/util/compile-cache';

loadWithCodeCache(join(__dirname, 'language-server-main.js'), 'server');
