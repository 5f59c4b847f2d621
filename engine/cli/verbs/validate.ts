/** `validate <pack|path>`: every lint rule plus registry checks, `--with` compatibility, and the validation score. */
import type { LintCategory } from '../../../protocol';
import {
  loadManifest,
  checkCompatibility,
  lintManifest,
  validationScore,
  sortIssues,
  resolvePackArg,
  openStore,
  type PackStore,
} from '../../index';
import { VERSION_OPTION, optionList, requiredArg, versionRange } from '../pack-args';
import type { CliContext, VerbDefinition } from '../types';
import { STRICT_OPTION, countIssues, packDirOf, verdictExitCode, verdictFailure } from './validation-common';

export interface ValidateData {
  name: string | null;
  version: string | null;
  dir: string;
  valid: boolean;
  score: number;
  categories: Record<LintCategory, number>;
  errors: number;
  warnings: number;
  with: string[];
}

export const validateVerb: VerbDefinition = {
  name: 'validate',
  group: 'validation',
  summary: 'Validate a pack: syntax, structure, semantics; validation score',
  args: '<pack>',
  options: [
    { flags: '--with <pack>', description: 'check compatibility with another pack (repeat)', repeat: true },
    STRICT_OPTION,
    VERSION_OPTION,
  ],
  run: (ctx, args, opts) => {
    let store: PackStore | undefined;
    const getStore = () => (store ??= openStore(ctx.home));
    const dir = packDirOf(ctx, requiredArg(args, 0, 'pack'), getStore, versionRange(opts));
    const loaded = loadManifest(dir);
    const issues = lintManifest(loaded, dir, { store: getStore() });
    const withNames: string[] = [];
    for (const w of optionList(opts.with)) {
      const other = resolvePackArg(getStore(), ctx.cwd, w);
      withNames.push(`${other.name}@${other.version}`);
      issues.push(...checkCompatibility(loaded, dir, other));
    }
    sortIssues(issues, loaded.file);
    const { score, categories } = validationScore(issues);
    const m = loaded.manifest;
    const data: ValidateData = {
      name: m?.metadata.name || null,
      version: m?.metadata.version || null,
      dir,
      valid: countIssues(issues).errors === 0,
      score,
      categories,
      ...countIssues(issues),
      with: withNames,
    };
    const strict = Boolean(opts.strict);
    const what = `${data.name ? `${data.name}@${data.version}` : dir}${withNames.length ? ` with ${withNames.join(', ')}` : ''}`;
    const error = verdictFailure(issues, strict, what);
    return {
      data,
      issues,
      exitCode: verdictExitCode(issues, strict),
      ...(error && { error }),
      human: () => formatValidation(ctx, data),
    };
  },
};

function formatValidation(ctx: CliContext, d: ValidateData): string {
  const bold = (s: string) => (ctx.color ? `\x1b[1m${s}\x1b[0m` : s);
  const title = d.name ? `${d.name}@${d.version}` : d.dir;
  const lines = [bold(`Validation of ${title}${d.with.length ? ` with ${d.with.join(', ')}` : ''}`), ''];
  for (const [name, s] of Object.entries(d.categories)) lines.push(`  ${name.padEnd(14)} ${String(s).padStart(3)}`);
  lines.push(
    '',
    `  ${bold('score'.padEnd(14))} ${String(d.score).padStart(3)}  ${d.valid ? 'valid' : 'invalid'} (${d.errors} error(s), ${d.warnings} warning(s))`,
  );
  return lines.join('\n');
}
