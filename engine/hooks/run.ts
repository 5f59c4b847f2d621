/**
 * Running trusted hook commands (SPEC §4): each in the output directory, without a shell, in its own
 * process group so a timeout kills the whole tree, with its output passed to the caller's sink (the CLI's stderr, the extension's output channel). A
 * failing hook stops the run unless it says `continue_on_error`.
 */
import { spawn } from 'node:child_process';
import { GenerationError } from '../errors';
import { commandLine, type HookCommand } from './commands';

export interface HookRun {
  pack: string;
  name: string;
  stage: string;
  command: string;
  status: 'ok' | 'failed' | 'timed-out';
  exitCode: number | null;
  ms: number;
}

function runOne(c: HookCommand, cwd: string, write: (s: string) => void): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(c.command!, c.args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const forward = (d: Buffer) => write(d.toString('utf8').replace(/^(?=.)/gm, `  [${c.hook.name}] `));
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the whole process group: npm and everything it started
      } catch {
        /* already gone */
      }
    }, c.timeout * 1000);
    child.on('error', (err) => {
      clearTimeout(timer);
      write(`  [${c.hook.name}] ${err.message}\n`);
      resolve({ code: null, timedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

/** Run `commands` in order in `cwd`. Throws GenerationError at the first failure that may not be ignored. */
export async function runHooks(
  commands: HookCommand[],
  cwd: string,
  log: (s: string) => void,
  output: (chunk: string) => void = (chunk) =>
    chunk
      .split('\n')
      .filter(Boolean)
      .forEach((l) => log(l)),
): Promise<HookRun[]> {
  const runs: HookRun[] = [];
  for (const c of commands) {
    const base = { pack: c.pack, name: c.hook.name, stage: c.hook.stage, command: commandLine(c) };
    if (!c.command) continue; // nothing to run here; runStage reports it
    log(`hook ${c.pack}:${c.hook.name}: ${base.command}`);
    const t0 = Date.now();
    const r = await runOne(c, cwd, output);
    const status = r.timedOut ? 'timed-out' : r.code === 0 ? 'ok' : 'failed';
    runs.push({ ...base, status, exitCode: r.code, ms: Date.now() - t0 });
    if (status !== 'ok') {
      const what =
        status === 'timed-out' ? `timed out after ${c.timeout} s (its process tree was killed)` : `failed (exit ${r.code ?? 'error'})`;
      if (c.hook.continueOnError) log(`warning: hook ${c.pack}:${c.hook.name} ${what}; continuing (continue_on_error)`);
      else {
        const err = new GenerationError(`Hook ${c.pack}:${c.hook.name} (${base.command}) ${what}`, {
          hint: 'Fix the cause, run without --allow-hooks, or mark the hook continue_on_error in the pack.',
        });
        (err as GenerationError & { runs?: HookRun[] }).runs = runs;
        throw err;
      }
    }
  }
  return runs;
}
