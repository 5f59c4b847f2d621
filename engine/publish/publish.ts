/**
 * `publishPack`: the pre-checks (checks.ts), with "version not yet published" asked of the registry
 * the pack goes to, then — when every check passes and it is not a dry run — the npm package built
 * by the engine (engine/registry/npm-package.ts) and uploaded with libnpmpublish. A version the
 * registry already has fails its check, so a republish is refused before anything is uploaded.
 */
import type { Issue, MaturityScore } from '../../protocol';
import { NotFoundError, ValidationError } from '../errors';
import { validatePack } from '../lint';
import { loadManifest } from '../manifest/load';
import { buildNpmPackage } from '../registry/npm-package';
import { configuredRegistries, registryFor } from '../registry/remote-config';
import { RemoteSession } from '../registry/remote-fetch';
import { storeFor } from '../registry/remote-install';
import { scorePack } from '../score';
import { applyForce, runPublishChecks, type PublishCheck } from './checks';
import { existsSync, statSync } from 'node:fs';

const npm = () => require('../registry/npm-client') as typeof import('../registry/npm-client');

export interface PublishRequest {
  /** The pack folder. */
  dir: string;
  /** `--registry`: where to publish (default: the pack's scope registry, else the default registry). */
  registry?: string | undefined;
  /** `--token`: the registry token (else .npmrc / NPM_CONFIG_* auth); the extension passes SecretStorage's. */
  token?: string | undefined;
  /** dist-tag (default `latest`). */
  tag?: string | undefined;
  dryRun?: boolean | undefined;
  /** Warnings pass (failures never do). */
  force?: boolean | undefined;
  log?: ((message: string) => void) | undefined;
}

export interface PublishOutcome {
  pack: { name: string; version: string; dir: string };
  /** The registry asked and (unless a dry run) published to; null when none is configured. */
  registry: string | null;
  tag: string;
  dryRun: boolean;
  force: boolean;
  ok: boolean;
  published: boolean;
  score: { total: number; level: MaturityScore['level'] };
  checks: PublishCheck[];
  issues: Issue[];
  /** The package that was (or would be) uploaded. */
  package: { name: string; integrity: string; shasum: string; files: number; bytes: number } | null;
}

export async function publishPack(home: string, req: PublishRequest): Promise<PublishOutcome> {
  const dir = req.dir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new NotFoundError(`No pack folder at ${dir}`, {
      hint: 'publish takes the path of a pack folder, e.g. `ggen-pack publish ./my-pack --dry-run`.',
    });
  }
  const loaded = loadManifest(dir);
  if (!loaded.manifest) {
    throw new ValidationError(`${loaded.file} does not parse; nothing can be checked`, {
      issues: loaded.issues,
      hint: 'Fix the syntax error, then run publish again.',
    });
  }
  const manifest = loaded.manifest;
  const { name, version } = manifest.metadata;
  // Dependencies are checked across every source, remote registries included (a dependency may live only there).
  const { store } = await storeFor(home, dir, dir, undefined, { registry: req.registry, token: req.token, log: req.log });
  const report = validatePack(dir, { store });
  const session = new RemoteSession(home, { registry: req.registry, token: req.token, log: req.log });
  const registry = registryFor(session.setup, name);
  let remote: { registry: string; published: boolean | null; reason?: string } | undefined;
  if (registry) {
    try {
      const p = await npm().getPackument(name, session.callOptions(registry));
      remote = { registry, published: Boolean(p?.versions?.[version]) };
    } catch (err) {
      if ((err as { unreachable?: unknown }).unreachable !== true) throw err;
      remote = { registry, published: null, reason: (err as Error).message };
    }
  }
  const score = scorePack(manifest);
  const registries = req.registry !== undefined ? { cli: req.registry } : configuredRegistries(home);
  let checks = runPublishChecks({ dir, manifest, score, issues: report.issues, store, registries, remote });
  if (req.force) checks = applyForce(checks);
  const ok = checks.every((c) => c.status === 'pass');
  const built = ok ? buildNpmPackage(dir, manifest) : null;
  const outcome: PublishOutcome = {
    pack: { name, version, dir },
    registry,
    tag: req.tag ?? 'latest',
    dryRun: Boolean(req.dryRun),
    force: Boolean(req.force),
    ok,
    published: false,
    score: { total: score.total, level: score.level },
    checks,
    issues: report.issues,
    package: built && {
      name: built.manifest.name,
      integrity: built.integrity,
      shasum: built.shasum,
      files: built.files,
      bytes: built.tarball.length,
    },
  };
  if (!ok || req.dryRun || !built) return outcome;
  if (!registry) {
    throw new ValidationError(`Every pre-check passed, but there is no registry to publish ${name}@${version} to`, {
      hint: 'Pass --registry <url>, or add [registries] to $GGEN_HOME/config.toml (e.g. team = "https://npm.acme.dev/").',
    });
  }
  req.log?.(`publishing ${name}@${version} (${built.files} files, ${built.tarball.length} bytes) to ${registry} under "${outcome.tag}"`);
  await npm().publishTarball(built.manifest, built.tarball, outcome.tag, session.callOptions(registry));
  return { ...outcome, published: true };
}
