/** Whether hooks may even be offered (pure, no `vscode`: tested in plain Node). */
export type HookDecision = 'untrusted-workspace' | 'disabled' | 'ask';

/** An untrusted workspace never runs hooks; `packs.hooks.allow = never` neither; otherwise the user is asked. */
export function hookDecision(workspaceTrusted: boolean, allow: 'ask' | 'never'): HookDecision {
  if (!workspaceTrusted) return 'untrusted-workspace';
  return allow === 'never' ? 'disabled' : 'ask';
}
