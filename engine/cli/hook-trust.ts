/** The CLI's answer to "may these hook commands run?" (SPEC §4: `--allow-hooks`, or an interactive yes). */
import { createInterface } from 'node:readline/promises';
import { commandLine, type HookCommand, type Trust } from '../index';
import type { CliContext } from './types';

export function trustFor(ctx: CliContext, allow: boolean): Trust {
  return async (commands: HookCommand[]) => {
    if (allow) return true;
    if (!process.stdin.isTTY || ctx.format !== 'human') {
      ctx.log(`note: the pack wants to run ${commands.length} hook command(s); pass --allow-hooks to run them (trusted packs only)`);
      return false;
    }
    process.stderr.write(
      `The pack wants to run these commands in the output directory:\n${commands.map((c) => `  ${c.pack}:${c.hook.name}: ${commandLine(c)}`).join('\n')}\n`,
    );
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question('Run them? [y/N] ')).trim());
    } finally {
      rl.close();
    }
  };
}
