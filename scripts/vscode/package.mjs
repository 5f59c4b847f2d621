// `npm run package`: the .vsix, with @vscode/vsce from devDependencies. Everything the extension runs is
// bundled into dist/ by esbuild.mjs, so no node_modules are packed (--no-dependencies); .vscodeignore is an
// allow-list of what ships. Fails if the package is 5 MB or more.
//   node scripts/vscode/package.mjs [--out FILE.vsix]   default dist-vsix/packs-<version>.vsix
//   EXT_DIR=/other/extension  packages another extension folder (used to test the harness itself)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;
const repo = resolve(import.meta.dirname, '../..');
const extDir = resolve(process.env.EXT_DIR || repo);
const pkg = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8'));
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : join(extDir, 'dist-vsix', `packs-${pkg.version}.vsix`));
mkdirSync(dirname(out), { recursive: true });

const vsce = join(repo, 'node_modules/@vscode/vsce/vsce');
const args = ['package', '--no-dependencies', '--out', out];
// No public repository yet: vsce would refuse README.md's relative links, which then stay relative.
if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
const t0 = Date.now();
const r = spawnSync(process.execPath, [vsce, ...args], { cwd: extDir, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.error(`vsce package failed (exit ${r.status ?? r.signal})`);
  process.exit(1);
}
const size = statSync(out).size;
const mb = (size / 1024 / 1024).toFixed(2);
if (size >= MAX_BYTES) {
  console.error(`${out} is ${mb} MB: the limit is 5 MB (check .vscodeignore)`);
  process.exit(1);
}
console.log(`packaged ${out} (${mb} MB) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
