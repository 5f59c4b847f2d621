/**
 * May a pack's hook commands run? Only in a trusted workspace, only when `packs.hooks.allow` is not
 * `never`, and only after a modal that shows the exact commands (SPEC §4: no pack code runs without
 * explicit trust). Anything else is a "no": the engine then reports the hooks as skipped.
 */
import * as vscode from 'vscode';
import { commandLine, type HookCommand, type Trust } from './engine-port';
import { hookDecision } from './hook-policy';
import { log } from './output';
import { readSettings } from './settings';

/** `answer` 'allow' / 'deny' settle it without the modal (API calls); the policy still comes first. */
export function hookTrust(answer: 'ask' | 'allow' | 'deny' = 'ask'): Trust {
  return async (commands: HookCommand[]) => {
    const decision = hookDecision(vscode.workspace.isTrusted, readSettings().hooksAllow);
    const list = commands.map((c) => `${c.pack}:${c.hook.name}: ${commandLine(c)}`);
    if (decision !== 'ask') {
      log(
        `hooks not run (${decision === 'disabled' ? 'packs.hooks.allow is "never"' : 'the workspace is not trusted'}): ${list.join('; ')}`,
      );
      return false;
    }
    if (answer !== 'ask') {
      if (answer === 'deny') log(`hooks not run (the caller did not pass allowHooks): ${list.join('; ')}`);
      return answer === 'allow';
    }
    const run = 'Run Commands';
    const reply = await vscode.window.showWarningMessage(
      'The pack wants to run these commands in the target folder:',
      { modal: true, detail: list.join('\n') },
      run,
    );
    return reply === run;
  };
}
