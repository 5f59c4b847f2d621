/**
 * A pack as an npm package (SPEC §5, §10 "Publishing"). The name mapping is the identity: the npm
 * package is called exactly like the pack (`startup-pack`, or `@acme/startup-pack` for a scoped
 * pack), so `npm view <pack>` works and registry scopes / access rules apply unchanged. The tarball
 * is built here, not by `npm pack` (dotfiles and executable bits kept), deterministically (sorted
 * entries, a fixed mtime), as `package/<pack files>` plus a generated `package/package.json`:
 *
 * - `keywords`: `ggen-pack` first (how search finds packs), then the pack's tags;
 * - `ggenPack`: what the engine needs without downloading the tarball — the pack's summary, its
 *   dependencies, the pack integrity (`sha512-…`, engine/registry/integrity.ts) and every file's SHA-256,
 *   which install re-checks after extracting (the registry's copy of this field, not the tarball's).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineConfig } from '../config';
import { ValidationError } from '../errors';
import type { Manifest } from '../manifest/model';
import { ENGINE_VERSION } from '../version';
import { integrityOfFiles, listPackFiles } from './integrity';

const codecs = () => require('../archive/codecs') as typeof import('../archive/codecs');

/** The keyword every published pack carries; search keeps only packages that have it. */
export const PACK_KEYWORD = 'ggen-pack';
/** The fixed mtime of every tarball entry, so the same pack always gives the same bytes. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

/** The `ggenPack` field of a published package.json. */
export interface GgenPackMeta {
  format: 1;
  name: string;
  title: string | null;
  category: string;
  tags: string[];
  templates: string[];
  /** name → range, optional ones included (flagged). */
  dependencies: { name: string; version: string; optional: boolean }[];
  integrity: string;
  /** Path inside the pack → hex SHA-256. */
  files: Record<string, string>;
  publishedBy: string;
}

/** The npm package name of a pack: the pack name itself (validated against npm's rules). */
export function npmNameOf(packName: string): string {
  if (packName.length > 214 || !/^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(packName)) {
    throw new ValidationError(`"${packName}" cannot be an npm package name (lower case, digits, - . _ ~; an optional @scope/)`, {
      hint: 'Rename the pack in [metadata].name (kebab-case, e.g. acme-service or @acme/service).',
    });
  }
  return packName;
}

export interface BuiltPackage {
  /** The generated package.json. */
  manifest: Record<string, unknown> & { name: string; version: string; ggenPack: GgenPackMeta };
  tarball: Buffer;
  /** `sha512-…` of the tarball: what the registry will report as dist.integrity. */
  integrity: string;
  /** Hex SHA-1 of the tarball (npm's legacy dist.shasum). */
  shasum: string;
  files: number;
}

/** Builds the npm package of the pack at `dir` (in memory; the scratch folder it packs from is removed). */
export function buildNpmPackage(dir: string, manifest: Manifest): BuiltPackage {
  const m = manifest.metadata;
  const files = listPackFiles(dir, { excludes: manifest.excludes });
  if (files.some((f) => f.path === 'package.json')) {
    throw new ValidationError(
      `${join(dir, 'package.json')}: a pack published to an npm registry cannot have its own package.json at its root`,
      {
        hint: 'publish generates package.json; move the file under templates/ (or exclude it in `excludes`).',
      },
    );
  }
  const sums: Record<string, string> = {};
  for (const f of files) sums[f.path] = createHash('sha256').update(readFileSync(f.abs)).digest('hex');
  const ggenPack: GgenPackMeta = {
    format: 1,
    name: m.name,
    title: m.title ?? null,
    category: m.category,
    tags: m.tags,
    templates: manifest.templates.map((t) => t.alias),
    dependencies: manifest.dependencies.map((d) => ({ name: d.name, version: d.version, optional: d.optional })),
    integrity: integrityOfFiles(files),
    files: sums,
    publishedBy: `ggen-pack ${ENGINE_VERSION}`,
  };
  const author = m.author
    ? [m.author.name, m.author.email && `<${m.author.email}>`, m.author.url && `(${m.author.url})`].filter(Boolean).join(' ')
    : undefined;
  const pkg = {
    name: npmNameOf(m.name),
    version: m.version,
    description: m.description,
    keywords: [PACK_KEYWORD, ...m.tags.filter((t) => t !== PACK_KEYWORD)],
    ...(m.license && { license: m.license }),
    ...(author && { author }),
    ...(m.homepage && { homepage: m.homepage }),
    ...(m.repository && { repository: m.repository }),
    // Not an installable library: npm must not try to run or resolve it.
    files: ['**'],
    ggenPack,
  };
  const scratch = join(engineConfig().tmpDir, `ggen-publish-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const root = join(scratch, 'package');
    for (const f of files) {
      const target = join(root, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, readFileSync(f.abs), { mode: statSync(f.abs).mode & 0o777 });
    }
    writeFileSync(join(root, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    const out = join(scratch, 'pack.tgz');
    const entries = ['package/package.json', ...files.map((f) => `package/${f.path}`)];
    codecs().createTar(
      { file: out, cwd: scratch, gzip: { level: 9 }, portable: true, mtime: ENTRY_TIME, sync: true, noDirRecurse: true },
      entries,
    );
    const tarball = readFileSync(out);
    return {
      manifest: pkg,
      tarball,
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
      files: files.length,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The `ggenPack` field of a packument version, when it is one of ours (else null: not a pack). */
export function ggenPackOf(version: Record<string, unknown> | undefined): GgenPackMeta | null {
  const g = version?.ggenPack as GgenPackMeta | undefined;
  if (!g || typeof g !== 'object' || g.format !== 1 || typeof g.integrity !== 'string' || typeof g.files !== 'object' || g.files === null)
    return null;
  return g;
}
