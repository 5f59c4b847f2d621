// esbuild bundles a panel's stylesheet when its main.ts imports it (esbuild.mjs writes <panel>.css).
declare module '*.css';
