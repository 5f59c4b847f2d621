/**
 * `publish <path>`: every pre-check of SPEC §3/§10, each reported by name with pass/fail/warn and a
 * reason ("version not yet published" asked of the registry), then the upload to the npm-compatible
 * registry (`--registry`, else config.toml [registries]). `--dry-run` exits 0 only if all pass (else 2)
 * and uploads nothing; a failed check (a version already published included) exits 2 before any upload.
 */
import { resolve } from 'node:path';
import { publishPack, type PublishCheck } from '../../index';
import { REGISTRY_OPTIONS, registryArgs, requiredArg } from '../pack-args';
import type { CliContext, VerbDefinition } from '../types';

export const publishVerb: VerbDefinition = {
  name: 'publish',
  group: 'publishing',
  summary: 'Check and publish a pack to a registry',
  args: '<path>',
  options: [
    ...REGISTRY_OPTIONS,
    { flags: '--dry-run', description: 'run every pre-check and build the package without uploading' },
    { flags: '--force', description: 'publish despite warnings' },
    { flags: '--tag <tag>', description: 'dist-tag (default latest)' },
  ],
  async run(ctx, args, opts) {
    const dir = resolve(ctx.cwd, requiredArg(args, 0, 'path'));
    const out = await publishPack(ctx.home, {
      dir,
      ...registryArgs(opts, ctx.log),
      tag: typeof opts.tag === 'string' ? opts.tag : undefined,
      dryRun: Boolean(opts.dryRun),
      force: Boolean(opts.force),
    });
    const { issues, ...data } = out;
    const human = () => {
      const lines = [formatChecks(ctx, data.pack, data.checks, data.ok, data.dryRun)];
      if (data.ok && data.package)
        lines.push(
          data.published
            ? `Published ${data.package.name}@${data.pack.version} to ${data.registry} (tag ${data.tag}; ${data.package.files} files, ${data.package.bytes} bytes, ${data.package.integrity})`
            : `Would publish ${data.package.name}@${data.pack.version} to ${data.registry ?? '(no registry configured)'} (tag ${data.tag}; ${data.package.files} files, ${data.package.bytes} bytes)`,
        );
      return lines.join('\n');
    };
    if (!data.ok) {
      const failed = data.checks.filter((c) => c.status === 'fail').map((c) => c.name);
      const warned = data.checks.filter((c) => c.status === 'warn').map((c) => c.name);
      const republish = data.checks.find((c) => c.name === 'version-unpublished' && c.status === 'fail');
      const error = {
        code: 'validation' as const,
        message: republish
          ? `Refusing to publish: ${republish.reason}`
          : `Not publishable: ${[...failed.map((n) => `${n} failed`), ...warned.map((n) => `${n} warned`)].join(', ')}`,
        hint: failed.length
          ? 'Fix the failing checks (each is listed in data.checks with its reason), then run publish again; nothing was uploaded.'
          : 'Warnings pass with --force.',
      };
      return { data, issues, human, exitCode: 2, error };
    }
    return { data, issues, human };
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
