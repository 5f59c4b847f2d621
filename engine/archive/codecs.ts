/**
 * The archive libraries behind bundles. tar and fflate take ~20 ms to load, and only `export` and
 * `import` use them, so read-bundle.ts and write-bundle.ts require this file on first use instead of
 * importing them with engine/index.ts (ARCHITECTURE.md "Start-up is budgeted"). Importing them here
 * statically keeps esbuild's tree shaking of their ES module builds (~35 KB less than requiring them).
 */
export { zipSync, unzipSync, type Zippable } from 'fflate';
export { c as createTar, t as listTar } from 'tar';
