/**
 * `ggen-pack` entry: parses arguments with commander, builds the context, runs the verb, prints
 * one envelope (json/yaml) or human output, and exits with the code of SPEC §10. Wiring only.
 */
import { Command, CommanderError, Option } from 'commander';
import {
  checkConfiguration,
  configFromEnvironment,
  setEngineConfig,
  PackError,
  exitCodeOf,
  ENGINE_VERSION,
  GGEN_PACK_FORMAT_VERSION,
} from '../index';
import { envelope, failureOf, printEnvelope, printIssues } from './output';
import type { CliContext, OutputFormat, VerbDefinition } from './types';
import { VERB_LOADERS, loadAllVerbs } from './verbs';

const FORMATS: OutputFormat[] = ['human', 'json', 'yaml', 'tree', 'dot', 'unified'];

function makeContext(opts: Record<string, unknown>, home: string): CliContext {
  const format = (opts.format as OutputFormat) ?? 'human';
  const quiet = Boolean(opts.quiet);
  const verbose = Boolean(opts.verbose);
  return {
    home,
    cwd: process.cwd(),
    format,
    quiet,
    verbose,
    color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR && format === 'human',
    log: (m) => {
      if (!quiet) process.stderr.write(m + '\n');
    },
    debug: (m) => {
      if (verbose) process.stderr.write(m + '\n');
    },
  };
}

function addVerb(program: Command, verb: VerbDefinition, home: string, done: (code: number) => void): void {
  const cmd = program.command(`${verb.name}${verb.args ? ' ' + verb.args : ''}`);
  cmd.description(verb.summary);
  cmd.addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('human'));
  cmd.option('--quiet', 'print only the result').option('--verbose', 'print details of each step');
  for (const o of verb.options ?? []) {
    if (o.repeat) cmd.option(o.flags, o.description, (v: string, prev: string[] = []) => [...prev, v]);
    else if (o.default !== undefined) cmd.option(o.flags, o.description, o.default);
    else cmd.option(o.flags, o.description);
  }
  cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const opts = command.opts();
    const args = (params.slice(0, -2) as (string | string[] | undefined)[]).flat().filter((a): a is string => a !== undefined);
    const ctx = makeContext(opts, home);
    done(await runVerb(ctx, verb, args, opts));
  });
}

async function runVerb(ctx: CliContext, verb: VerbDefinition, args: string[], opts: Record<string, unknown>): Promise<number> {
  const machine = ctx.format === 'json' || ctx.format === 'yaml';
  try {
    // A bad environment value or config.toml fails every verb the same way: exit 8, one `error:` line and a hint.
    checkConfiguration(process.env, ctx.home);
    const result = await verb.run(ctx, args, opts);
    const issues = result.issues ?? [];
    const hasErrors = issues.some((i) => i.severity === 'error');
    const code = result.exitCode ?? (hasErrors ? 2 : 0);
    const error = code === 0 ? null : failureOf(verb.name, code, issues, result.error);
    if (machine) printEnvelope(ctx, envelope(code === 0, result.data, issues, error));
    else {
      printIssues(ctx, issues);
      const text = result.human ? result.human() : JSON.stringify(result.data, null, 2);
      if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    }
    return code;
  } catch (err) {
    const code = exitCodeOf(err);
    const issues = err instanceof PackError ? err.issues : [];
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof PackError ? err.hint : null;
    const errCode = err instanceof PackError ? err.code : 'internal';
    if (machine) printEnvelope(ctx, envelope(false, null, issues, { code: errCode, message, hint }));
    else {
      printIssues(ctx, issues);
      process.stderr.write(`${ctx.color ? '\x1b[31merror\x1b[0m' : 'error'}: ${message}\n`);
      if (hint) process.stderr.write(`  hint: ${hint}\n`);
      if (ctx.verbose && err instanceof Error && !(err instanceof PackError)) process.stderr.write(`${err.stack}\n`);
    }
    return code;
  }
}

/** Runs the CLI; resolves to the exit code (tests call this in-process). */
export async function main(argv: string[]): Promise<number> {
  // The one place the CLI turns its environment into the engine's configuration. Bad values are left
  // out here (the launchers read the same configuration and must start) and refused in runVerb.
  const { home } = setEngineConfig(configFromEnvironment(process.env));
  let exitCode = 0;
  const program = new Command('ggen-pack')
    .description('Packs: search, install, generate, compose, validate, score and publish ggen packs.')
    .version(
      `ggen-pack ${ENGINE_VERSION} (ggen pack format ${GGEN_PACK_FORMAT_VERSION})`,
      '-V, --version',
      'print the engine version and the ggen pack format it implements',
    )
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('(run `ggen-pack <verb> --help` for usage)');
  // Program-level options take no values, so the first bare word is the verb: load only that one.
  const first = argv.find((a) => !a.startsWith('-'));
  const verbs = first && first !== 'help' && VERB_LOADERS[first] ? [await VERB_LOADERS[first]()] : await loadAllVerbs();
  for (const verb of verbs) {
    addVerb(program, verb, home, (c) => (exitCode = c));
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      const jsonIdx = argv.indexOf('--format');
      if (jsonIdx >= 0 && argv[jsonIdx + 1] === 'json') {
        process.stdout.write(
          JSON.stringify(
            envelope(false, null, [], {
              code: 'validation',
              message: err.message.replace(/^error: /, ''),
              hint: 'Run `ggen-pack <verb> --help` for usage.',
            }),
            null,
            2,
          ) + '\n',
        );
      }
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}
