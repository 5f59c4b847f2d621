/**
 * The validation gate: generate, compose, regenerate (all through planGeneration) and install
 * refuse a pack that `validate` rejects. It runs the lint rules `validate` runs, on the manifest
 * already loaded (LoadedPack.loaded), and only their error-severity issues refuse; a refusal is a
 * ValidationError (exit 2) carrying the issues, printed as validate prints them.
 *
 * Not run here: the rules that need a registry (`validate` without one skips them too), the
 * documentation rules (warnings; they list the pack folder), `unused-variable` (a warning), and
 * what generation refuses by itself, with its own exit code and message: paths leaving their root
 * (`path-escape`, `symlink-escape`: exit 6 when writing or reading, SPEC §10), two files on one
 * path (`duplicate-output`: exit 4 naming both sources; a composition resolves them by its
 * conflict rules instead), RDF files that do not parse (`rdf-syntax`: loading the graph refuses
 * them at the same file:line:col; parsing twice would double the graph's cost) and a query output
 * format that cannot hold the result (`query-format-mismatch`: refused when the query runs). The
 * pack's size limits are checked while rendering, as files are read.
 *
 * File reads: the manifest is not read again, and template files are read through `readFile`,
 * which planGeneration shares with rendering, so each template file is read once.
 */
import { relative, sep } from 'node:path';
import type { Issue } from '../../protocol';
import { ValidationError } from '../errors';
import { LintContext } from '../lint/context';
import { sortIssues } from '../lint';
import { RULES } from '../lint/rules';
import type { LintRule } from '../lint/types';
import { loadManifest, type LoadedManifest } from '../manifest/load';
import type { LoadedPack } from '../registry/types';
import type { ReadFile } from '../fs/read-once';

/** Rules the gate does not run (see the file comment). */
const NOT_GATED = new Set([
  'missing-readme',
  'missing-license',
  'missing-changelog-entry',
  'unused-variable',
  'path-escape',
  'symlink-escape',
  'duplicate-output',
  'rdf-syntax',
  'query-format-mismatch',
]);

const gated = (r: LintRule) => !NOT_GATED.has(r.meta.id) && !r.meta.needsStore;
const MANIFEST_RULES = RULES.filter((r) => gated(r) && !r.meta.needsFiles);
const FILE_RULES = RULES.filter((r) => gated(r) && r.meta.needsFiles);

export interface GateOptions {
  /** Reads template files (engine/fs/read-once.ts: the run's one read per file). */
  readFile?: ReadFile | undefined;
}

/**
 * A lint context that does not locate what the gate does not report: warnings and infos get no
 * range, so a pack with only warnings never loads the position parser (toml-eslint-parser).
 */
class GateContext extends LintContext {
  override issue(...args: Parameters<LintContext['issue']>): Issue {
    const [meta, message, , extra] = args;
    const severity = extra?.severity ?? meta.severity;
    if (severity === 'error') return super.issue(...args);
    return { code: `packs/${meta.id}`, severity, message, file: this.file, range: null };
  }
}

/** Run `rules` on `ctx`; a rule that throws becomes a `packs/internal` error, as in lintManifest. */
function run(rules: readonly LintRule[], ctx: LintContext): Issue[] {
  const out: Issue[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.check(ctx));
    } catch (err) {
      out.push({
        code: 'packs/internal',
        severity: 'error',
        message: `Lint rule ${rule.meta.id} failed: ${(err as Error).message}`,
        file: ctx.file,
        range: null,
        category: rule.meta.category,
      });
    }
  }
  return out;
}

/** The error-severity issues `validate` reports for `pack` that generation refuses on (see the file comment). */
export function packErrors(pack: LoadedPack, opts: GateOptions = {}): Issue[] {
  const loaded: LoadedManifest = pack.loaded ?? loadManifest(pack.dir);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (!loaded.manifest) return errors;
  const issues = [...errors, ...run(MANIFEST_RULES, new GateContext(loaded, pack.dir, { fast: true }))];
  issues.push(...run(FILE_RULES, new GateContext(loaded, pack.dir, { readFile: opts.readFile, sharedTemplateCache: true })));
  return sortIssues(
    issues.filter((i) => i.severity === 'error'),
    loaded.file,
  );
}

/** `templates/x.mustache:5:1: ` — where an issue is, relative to its pack. */
function placeOf(i: Issue, dir: string): string {
  if (!i.file) return '';
  const at = i.range ? `:${i.range.start.line}:${i.range.start.column}` : '';
  return `${relative(dir, i.file).split(sep).join('/')}${at}: `;
}

/**
 * Throw a ValidationError (exit 2) listing every error `validate` finds in `packs` that
 * generation refuses on (see the file comment).
 */
export function assertPacksValid(packs: readonly LoadedPack[], opts: GateOptions = {}): void {
  const issues: Issue[] = [];
  const bad: string[] = [];
  let firstPlace = '';
  for (const p of packs) {
    const errors = packErrors(p, opts);
    if (errors.length) {
      if (!issues.length) firstPlace = placeOf(errors[0]!, p.dir);
      bad.push(`${p.name}@${p.version}`);
      issues.push(...errors);
    }
  }
  const [first] = issues;
  if (!first) return;
  const n = issues.length;
  const what = n === 1 ? `1 validation error: ${firstPlace}${first.message}` : `${n} validation errors`;
  const who = bad.length === 1 ? `Pack ${bad[0]} has` : `Packs ${bad.join(', ')} have`;
  throw new ValidationError(`${who} ${what}`, {
    issues,
    hint: `Fix ${n === 1 ? 'it' : 'them'} (\`ggen-pack validate\` reports the same) and run again; nothing was changed.`,
  });
}
