/**
 * `publish <path>`: every pre-check of SPEC §3/§10, each reported by name with pass/fail/warn and a
 * reason. `--dry-run` exits 0 only if all pass (else 2) and writes nothing. Uploading to a remote
 * (npm-compatible) registry is not built yet: after the checks pass, publish says so and exits 1.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  NotFoundError,
  PackError,
  ValidationError,
  validatePack,
  loadManifest,
  applyForce,
  type PublishCheck,
  runPublishChecks,
  configuredRegistries,
  openStore,
  scorePack,
} from '../../index';
import { requiredArg } from '../pack-args';
import type { CliContext, VerbDefinition } from '../types';

export const publishVerb: VerbDefinition = {
  name: 'publish',
  group: 'publishing',
  summary: 'Check and publish a pack to a registry',
  args: '<path>',
  options: [
    { flags: '--registry <url>', description: 'registry URL' },
    { flags: '--dry-run', description: 'run every pre-check without uploading' },
    { flags: '--force', description: 'publish despite warnings' },
    { flags: '--tag <tag>', description: 'dist-tag' },
  ],
  run: (ctx, args, opts) => {
    const dir = resolve(ctx.cwd, requiredArg(args, 0, 'path'));
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
    const store = openStore(ctx.home);
    const report = validatePack(dir, { store });
    const registries = typeof opts.registry === 'string' ? { cli: opts.registry } : configuredRegistries(ctx.home);
    const score = scorePack(manifest);
    let checks = runPublishChecks({ dir, manifest, score, issues: report.issues, store, registries });
    if (opts.force) checks = applyForce(checks);
    const ok = checks.every((c) => c.status === 'pass');
    const dryRun = Boolean(opts.dryRun);
    const data = {
      pack: { name: manifest.metadata.name, version: manifest.metadata.version, dir },
      dryRun,
      force: Boolean(opts.force),
      tag: typeof opts.tag === 'string' ? opts.tag : 'latest',
      ok,
      score: { total: score.total, level: score.level },
      checks,
    };
    const human = () => formatChecks(ctx, data.pack, checks, ok, dryRun);
    if (!ok) {
      const failed = checks.filter((c) => c.status === 'fail').map((c) => c.name);
      const warned = checks.filter((c) => c.status === 'warn').map((c) => c.name);
      const error = {
        code: 'validation' as const,
        message: `Not publishable: ${[...failed.map((n) => `${n} failed`), ...warned.map((n) => `${n} warned`)].join(', ')}`,
        hint: failed.length
          ? 'Fix the failing checks (each is listed in data.checks with its reason), then run publish again.'
          : 'Warnings pass with --force.',
      };
      return { data, issues: report.issues, human, exitCode: 2, error };
    }
    if (dryRun) return { data, issues: report.issues, human, exitCode: 0 };
    ctx.log(human());
    throw new PackError(
      'internal',
      'Every pre-check passed, but publishing to a remote registry is not built yet in this version of Packs',
      {
        issues: report.issues,
        hint: 'Run `ggen-pack publish <path> --dry-run` to check a pack; `ggen-pack export` will bundle it once built.',
      },
    );
  },
};

function formatChecks(
  ctx: CliContext,
  pack: { name: string; version: string },
  checks: PublishCheck[],
  ok: boolean,
  dryRun: boolean,
): string {
  const paint = (code: number, s: string) => (ctx.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const mark = { pass: paint(32, 'pass'), fail: paint(31, 'FAIL'), warn: paint(33, 'warn') };
  const lines = [`Pre-checks for ${pack.name}@${pack.version}${dryRun ? ' (dry run: nothing is written)' : ''}:`];
  for (const c of checks) lines.push(`  ${mark[c.status]}  ${c.name.padEnd(20)} ${c.reason}`);
  const failed = checks.filter((c) => c.status !== 'pass').map((c) => c.name);
  lines.push(
    ok
      ? 'All checks pass.'
      : `Not publishable: ${failed.join(', ')}${checks.some((c) => c.status === 'warn') ? ' (warnings pass with --force)' : ''}.`,
  );
  return lines.join('\n');
}
