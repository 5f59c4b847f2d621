/** `dist/cli.js`: runs the CLI bundle (dist/ggen-pack.js) through the code cache, one cache per verb. */
import { join } from 'node:path';
import { loadWithCodeCache } from '../util/compile-cache';

loadWithCodeCache(join(__dirname, 'ggen-pack.js'), process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '');
