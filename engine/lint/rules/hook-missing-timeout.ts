/** packs/hook-missing-timeout: command hooks should say how long they may run (default 300 s). */
import type { Issue } from '../../../protocol';
import type { LintRule } from '../types';

export const rule: LintRule = {
  meta: {
    id: 'hook-missing-timeout',
    severity: 'warning',
    category: 'templates',
    description: 'A command hook without timeout',
    fixable: false,
  },
  check(ctx) {
    const issues: Issue[] = [];
    const perStage = new Map<string, number>();
    for (const h of ctx.manifest.hooks) {
      const i = perStage.get(h.stage) ?? 0;
      perStage.set(h.stage, i + 1);
      if (h.type === 'command' && h.timeout === undefined) {
        issues.push(
          ctx.issue(
            this.meta,
            `Hook \`${h.name}\` (${h.stage}) runs \`${h.command}\` without a timeout; add \`timeout = <seconds>\` (default 300)`,
            ['hooks', h.stage, i],
          ),
        );
      }
    }
    return issues;
  },
};
