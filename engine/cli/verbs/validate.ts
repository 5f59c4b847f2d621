/**
 * `validate <pack|path>`: every lint rule plus registry checks, `--with` compatibility
 * (`--compatibility` says so explicitly), and the validation score. `--check-templates`,
 * `--check-queries`, `--check-dependencies`, `--check-variables` keep only those rule categories.
 */
import { LINT_CATEGORIES, type Issue, type LintCategory } from '../../../protocol';
import {
  loadManifest,
  checkCompatibility,
  lintManifest,
  validationScore,
  sortIssues,
  resolvePackArg,
  openStore,
  type PackStore,
  ValidationError,
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
  /** The categories checked (`--check-*`); all of them without any of those options. */
  checked: LintCategory[];
}

/** `--check-<category>` options, in the order the score lists the categories. */
const CHECKS = [
  ['templates', 'templates', 'Mustache syntax, template paths, output paths'],
  ['queries', 'queries', 'SPARQL syntax, query files, formats'],
  ['variables', 'variables', 'declarations, types, defaults, undeclared and unused variables'],
  ['dependencies', 'dependencies', 'ranges, cycles, availability in the registry'],
] as const satisfies readonly (readonly [string, LintCategory, string])[];

/** The categories the `--check-*` options ask for, or null (all). */
function checkedCategories(opts: Record<string, unknown>): Set<LintCategory> | null {
  const key = (c: string) => `check${c.charAt(0).toUpperCase()}${c.slice(1)}`;
  const picked = CHECKS.filter(([flag]) => opts[key(flag)]).map(([, category]) => category);
  return picked.length ? new Set(picked) : null;
}

/**
 * The issues of the checked categories. A manifest that does not parse is reported whatever is
 * checked: nothing else can be checked without it.
 */
function onlyChecked(issues: Issue[], checked: Set<LintCategory> | null, unparsed: boolean): Issue[] {
  if (!checked) return issues;
  return issues.filter((i) => (unparsed && i.severity === 'error') || checked.has(i.category ?? 'metadata'));
}

export const validateVerb: VerbDefinition = {
  name: 'validate',
  group: 'validation',
  summary: 'Validate a pack: syntax, structure, semantics; validation score',
  args: '<pack>',
  options: [
    {
      flags: '--with <pack>',
      description:
        'check compatibility with another pack: shared output paths, variables with other types or defaults, dependency ranges no version satisfies together (repeat)',
      repeat: true,
    },
    { flags: '--compatibility', description: 'check compatibility with the `--with` pack(s) (needs --with; --with alone does the same)' },
    ...CHECKS.map(([flag, , what]) => ({
      flags: `--check-${flag}`,
      description: `only the ${flag} checks (${what}); combine several; none of the --check-* options = every category`,
    })),
    STRICT_OPTION,
    VERSION_OPTION,
  ],
  run: (ctx, args, opts) => {
    let store: PackStore | undefined;
    const getStore = () => (store ??= openStore(ctx.home));
    const dir = packDirOf(ctx, requiredArg(args, 0, 'pack'), getStore, versionRange(opts));
    const withArgs = optionList(opts.with);
    if (opts.compatibility && withArgs.length === 0) {
      throw new ValidationError('--compatibility needs the other pack: --with <pack>', {
        hint: 'e.g. ggen-pack validate startup-pack --compatibility --with devops-pack',
      });
    }
    const checked = checkedCategories(opts);
    const loaded = loadManifest(dir);
    const all = lintManifest(loaded, dir, { store: getStore() });
    const withNames: string[] = [];
    for (const w of withArgs) {
      const other = resolvePackArg(getStore(), ctx.cwd, w);
      withNames.push(`${other.name}@${other.version}`);
      all.push(...checkCompatibility(loaded, dir, other, { store: getStore() }));
    }
    const issues = sortIssues(onlyChecked(all, checked, !loaded.manifest), loaded.file);
    const { score: total, categories } = validationScore(issues);
    const checkedList = checked ? LINT_CATEGORIES.filter((c) => checked.has(c)) : [...LINT_CATEGORIES];
    // With --check-*, the score is the mean over the checked categories only (SPEC §6's formula over fewer categories).
    const score = checked ? Math.floor(checkedList.reduce((n, c) => n + categories[c], 0) / checkedList.length) : total;
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
      checked: checkedList,
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
  for (const [name, s] of Object.entries(d.categories)) {
    if (d.checked.includes(name as LintCategory)) lines.push(`  ${name.padEnd(14)} ${String(s).padStart(3)}`);
  }
  if (d.checked.length < Object.keys(d.categories).length) lines.push(`  (checked only: ${d.checked.join(', ')})`);
  lines.push(
    '',
    `  ${bold('score'.padEnd(14))} ${String(d.score).padStart(3)}  ${d.valid ? 'valid' : 'invalid'} (${d.errors} error(s), ${d.warnings} warning(s))`,
  );
  return lines.join('\n');
}
