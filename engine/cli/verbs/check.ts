/** `check <pack|path>`: the fast subset of validate — syntax, schema and cheap manifest rules; no template or query parsing. */
import { loadManifest, lintManifest, openStore, type PackStore } from '../../index';
import { VERSION_OPTION, requiredArg, versionRange } from '../pack-args';
import type { VerbDefinition } from '../types';
import { STRICT_OPTION, countIssues, packDirOf, verdictExitCode } from './validation-common';

export const checkVerb: VerbDefinition = {
  name: 'check',
  group: 'validation',
  summary: 'Fast subset of validate (syntax and structure)',
  args: '<pack>',
  options: [STRICT_OPTION, VERSION_OPTION],
  run: (ctx, args, opts) => {
    let store: PackStore | undefined;
    const dir = packDirOf(ctx, requiredArg(args, 0, 'pack'), () => (store ??= openStore(ctx.home)), versionRange(opts));
    const loaded = loadManifest(dir);
    const issues = lintManifest(loaded, dir, { fast: true });
    const counts = countIssues(issues);
    const m = loaded.manifest;
    const data = { name: m?.metadata.name || null, version: m?.metadata.version || null, dir, valid: counts.errors === 0, ...counts };
    const verdict = counts.errors ? 'invalid' : counts.warnings ? 'ok with warnings' : 'ok';
    return {
      data,
      issues,
      exitCode: verdictExitCode(issues, Boolean(opts.strict)),
      human: () => `${data.name ? `${data.name}@${data.version}` : dir}: ${verdict}`,
    };
  },
};
