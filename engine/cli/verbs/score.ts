/** `score <pack|path>`: the maturity score (SPEC §6) with what to do to raise each dimension. */
import type { MaturityScore } from '../../../protocol';
import { resolvePackArg, openStore, PUBLISH_THRESHOLD, scorePack } from '../../index';
import { VERSION_OPTION, requiredArg, versionRange } from '../pack-args';
import type { CliContext, VerbDefinition } from '../types';

export const scoreVerb: VerbDefinition = {
  name: 'score',
  group: 'scoring',
  summary: 'Maturity score with per-dimension advice',
  args: '<pack>',
  options: [VERSION_OPTION],
  run: (ctx, args, opts) => {
    const pack = resolvePackArg(openStore(ctx.home), ctx.cwd, requiredArg(args, 0, 'pack'), versionRange(opts));
    const score = scorePack(pack.manifest);
    return { data: score, human: () => formatScore(ctx, `${pack.name}@${pack.version}`, score) };
  },
};

/** The score table: one row per dimension, its advice indented under it, then the total and level. */
export function formatScore(ctx: CliContext, title: string, score: MaturityScore): string {
  const bold = (s: string) => (ctx.color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (ctx.color ? `\x1b[2m${s}\x1b[0m` : s);
  const lines = [bold(`Maturity score of ${title}`), ''];
  for (const d of score.dimensions) {
    const bar = '█'.repeat(Math.round(d.score / 10)).padEnd(10, '░');
    lines.push(`  ${d.name.padEnd(14)} ${String(d.score).padStart(3)}  ${bar}`);
    for (const a of d.advice) lines.push(dim(`      - ${a}`));
  }
  lines.push('', `  ${bold('total'.padEnd(14))} ${String(score.total).padStart(3)}  ${score.level}`);
  if (score.total <= PUBLISH_THRESHOLD) {
    lines.push(
      `  Publishing needs more than ${PUBLISH_THRESHOLD}: follow the advice above (gains in points of that dimension; total = sum / 8).`,
    );
  }
  return lines.join('\n');
}
