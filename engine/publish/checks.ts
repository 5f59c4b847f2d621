/**
 * The pre-checks of `publish` (SPEC §3, §10 "Publishing"): each is a named check that passes, fails
 * or warns, with a reason. `--force` turns warnings into passes, never failures. Pure reads: nothing
 * here writes to disk or the network.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, MaturityScore } from '../../protocol';
import type { Manifest } from '../manifest/model';
import type { PackStore } from '../registry/types';
import { PUBLISH_THRESHOLD } from '../score';
import { unknownLicenseIds } from '../lint/rules/invalid-license';

export type CheckStatus = 'pass' | 'fail' | 'warn';

export interface PublishCheck {
  name: string;
  status: CheckStatus;
  reason: string;
}

export interface CheckInput {
  dir: string;
  manifest: Manifest;
  score: MaturityScore;
  /** Issues of `validatePack` (errors fail the validation check; warnings make it warn). */
  issues: Issue[];
  store: PackStore;
  /** Remote registries (name → URL) the version should be looked up in. */
  registries: Record<string, string>;
  /**
   * What the registry the pack goes to says about this version (publish.ts asks it): `published`
   * true/false, or null when it did not answer (a warning, never a pass: SPEC §10 "Publishing").
   */
  remote?: { registry: string; published: boolean | null; reason?: string } | undefined;
}

const README = ['README.md', 'README', 'README.markdown', 'README.txt', 'readme.md'];
const LICENSE = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENCE.md', 'COPYING'];
const CHANGELOG = ['CHANGELOG.md', 'CHANGELOG', 'CHANGELOG.markdown', 'HISTORY.md'];

/** Run every check, in the order they are printed. */
export function runPublishChecks(input: CheckInput): PublishCheck[] {
  return [
    validationCheck(input.issues),
    scoreCheck(input.score),
    fileCheck('readme', input.dir, README, 'README.md'),
    fileCheck('license-file', input.dir, LICENSE, 'LICENSE'),
    changelogCheck(input.dir, input.manifest.metadata.version),
    licenseMetadataCheck(input.manifest),
    versionCheck(input),
  ];
}

/** Warnings become passes (their reason kept) with `--force`. */
export function applyForce(checks: PublishCheck[]): PublishCheck[] {
  return checks.map((c) => (c.status === 'warn' ? { ...c, status: 'pass', reason: `${c.reason} (accepted with --force)` } : c));
}

function validationCheck(issues: Issue[]): PublishCheck {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  if (errors)
    return {
      name: 'validation',
      status: 'fail',
      reason: `validate reports ${errors} error(s) and ${warnings} warning(s); fix them (see the issues above)`,
    };
  if (warnings) return { name: 'validation', status: 'warn', reason: `validate reports ${warnings} warning(s)` };
  return { name: 'validation', status: 'pass', reason: 'templates, queries, variables and dependencies are valid' };
}

function scoreCheck(score: MaturityScore): PublishCheck {
  const pass = score.total > PUBLISH_THRESHOLD;
  return {
    name: 'maturity-score',
    status: pass ? 'pass' : 'fail',
    reason: pass
      ? `maturity score ${score.total} (${score.level}) > ${PUBLISH_THRESHOLD}`
      : `maturity score ${score.total} (${score.level}) must be more than ${PUBLISH_THRESHOLD}; run \`ggen-pack score\` for what to add`,
  };
}

function findFile(dir: string, names: string[]): string | null {
  for (const n of names) {
    const f = join(dir, n);
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  return null;
}

function fileCheck(name: string, dir: string, names: string[], wanted: string): PublishCheck {
  const f = findFile(dir, names);
  if (!f) return { name, status: 'fail', reason: `no ${wanted} in the pack root` };
  if (readFileSync(f, 'utf8').trim() === '') return { name, status: 'fail', reason: `${f.slice(dir.length + 1)} is empty` };
  return { name, status: 'pass', reason: `${f.slice(dir.length + 1)} present` };
}

function changelogCheck(dir: string, version: string): PublishCheck {
  const f = findFile(dir, CHANGELOG);
  if (!f) return { name: 'changelog', status: 'fail', reason: `no CHANGELOG.md; add one with a "## [${version}]" entry` };
  const esc = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A heading naming the version: "## [1.2.0] - 2025-01-01", "## 1.2.0", "## v1.2.0 (date)".
  const heading = new RegExp(`^#{1,6}\\s*\\[?v?${esc}\\]?(?=$|[\\s(—–-])`, 'm');
  return heading.test(readFileSync(f, 'utf8'))
    ? { name: 'changelog', status: 'pass', reason: `${f.slice(dir.length + 1)} has an entry for ${version}` }
    : {
        name: 'changelog',
        status: 'fail',
        reason: `${f.slice(dir.length + 1)} has no entry for ${version}; add a "## [${version}]" heading`,
      };
}

function licenseMetadataCheck(manifest: Manifest): PublishCheck {
  const license = manifest.metadata.license?.trim();
  if (!license) return { name: 'license-metadata', status: 'fail', reason: 'no `license` in [metadata]; add an SPDX id such as "MIT"' };
  const bad = unknownLicenseIds(license);
  if (bad.length)
    return { name: 'license-metadata', status: 'fail', reason: `"${license}" is not an SPDX expression (unknown: ${bad.join(', ')})` };
  return { name: 'license-metadata', status: 'pass', reason: `license ${license}` };
}

function versionCheck(input: CheckInput): PublishCheck {
  const { name, version } = input.manifest.metadata;
  const local = input.store.versions(name, 'local').some((r) => r.version === version);
  if (local) {
    return {
      name: 'version-unpublished',
      status: 'fail',
      reason: `${name}@${version} is already in the local registry; bump [metadata].version`,
    };
  }
  const remote = input.remote;
  if (remote?.published === true) {
    return {
      name: 'version-unpublished',
      status: 'fail',
      reason: `${name}@${version} is already published on ${remote.registry}; a published version never changes: bump [metadata].version`,
    };
  }
  if (remote?.published === false) {
    return { name: 'version-unpublished', status: 'pass', reason: `${name}@${version} is not yet published on ${remote.registry}` };
  }
  if (remote) {
    return {
      name: 'version-unpublished',
      status: 'warn',
      reason: `not in the local registry; could not check ${remote.registry}: ${remote.reason ?? 'it did not answer'}`,
    };
  }
  const regs = Object.entries(input.registries);
  const why =
    regs.length === 0
      ? 'no remote registry is configured (add [registries] to $GGEN_HOME/config.toml or pass --registry)'
      : `none of the configured registries (${regs.map(([n]) => n).join(', ')}) serves this name (add a default or its scope to [registries])`;
  return { name: 'version-unpublished', status: 'warn', reason: `not in the local registry; could not check the remote registry: ${why}` };
}
