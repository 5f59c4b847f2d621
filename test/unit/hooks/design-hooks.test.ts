// Hooks as ggen's design writes them, run for real (in-process generate, real child processes):
// [[hooks.post_generation]] tables and the inline-array form, `command` + `args`, continue_on_error
// (a failure is a warning, the generation stands), `timeout` (the process is killed), a command line
// without args (`command = "npm install"`: split on whitespace, no shell), and the builtin format-code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GenerationError } from '../../../engine/errors';
import { generateProject } from '../../../engine/flows/generate';
import { commandOf } from '../../../engine/hooks/commands';
import type { HookDef } from '../../../engine/manifest/model';
import { tempDir, writeTree } from '../generate/fixture';

const NODE = process.execPath;
const toml = JSON.stringify;

function pack(hooks: string, files: Record<string, string> = {}): string {
  return writeTree({
    'pack.toml':
      `[metadata]\nname = "hooked"\nversion = "1.0.0"\ndescription = "A pack with hooks for tests"\ncategory = "custom"\n\n` +
      `[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n\n${hooks}\n`,
    'tpl/README.md': 'hello\n',
    ...files,
  });
}

function generate(dir: string) {
  const log: string[] = [];
  const output = join(tempDir(), 'out');
  const run = generateProject(
    { pack: dir, target: output, layers: [] },
    { home: tempDir(), cwd: dir, log: (m) => log.push(m), hookOutput: () => {}, trust: () => Promise.resolve(true) },
  );
  return { run, output, log };
}

const write = (file: string) => `require('fs').writeFileSync(${toml(file)}, 'ran')`;

test('[[hooks.post_generation]] command + args runs; a failure with continue_on_error = true is a warning', async () => {
  const dir = pack(
    `[[hooks.post_generation]]\nname = "mark"\ntype = "command"\ncommand = ${toml(NODE)}\nargs = ["-e", ${toml(write('marked.txt'))}]\ncontinue_on_error = true\ntimeout = 120\n\n` +
      `[[hooks.post_generation]]\nname = "install-deps"\ntype = "command"\ncommand = ${toml(NODE)}\nargs = ["-e", "process.exit(3)"]\ncontinue_on_error = true\ntimeout = 120\n`,
  );
  const { run, output, log } = generate(dir);
  const outcome = await run;
  assert.deepEqual(
    outcome.hooks.runs.map((r) => `${r.name}:${r.status}:${r.exitCode}`),
    ['mark:ok:0', 'install-deps:failed:3'],
  );
  assert.equal(readFileSync(join(output, 'marked.txt'), 'utf8'), 'ran', 'run in the output directory');
  assert.ok(existsSync(join(output, 'README.md')), 'the generation stands');
  assert.ok(log.includes('warning: hook hooked:install-deps failed (exit 3); continuing (continue_on_error)'), log.join('\n'));
});

test('the inline-array form runs the same hooks', async () => {
  const dir = pack(
    `[hooks]\npost_generation = [\n` +
      `  { name = "mark", type = "command", command = ${toml(NODE)}, args = ["-e", ${toml(write('marked.txt'))}], continue_on_error = true, timeout = 120 },\n` +
      `  { name = "install-deps", type = "command", command = ${toml(NODE)}, args = ["-e", "process.exit(3)"], continue_on_error = true, timeout = 120 },\n]\n`,
  );
  const { run, output } = generate(dir);
  const outcome = await run;
  assert.deepEqual(
    outcome.hooks.runs.map((r) => `${r.name}:${r.status}:${r.exitCode}`),
    ['mark:ok:0', 'install-deps:failed:3'],
  );
  assert.equal(readFileSync(join(output, 'marked.txt'), 'utf8'), 'ran');
});

test('timeout kills the hook: with continue_on_error the generation stands, without it it is rolled back', async () => {
  const sleep = `["-e", "setTimeout(() => {}, 60000)"]`;
  const soft = pack(
    `[[hooks.post_generation]]\nname = "slow"\ntype = "command"\ncommand = ${toml(NODE)}\nargs = ${sleep}\ncontinue_on_error = true\ntimeout = 1\n`,
  );
  const a = generate(soft);
  const outcome = await a.run;
  assert.deepEqual(
    outcome.hooks.runs.map((r) => `${r.name}:${r.status}`),
    ['slow:timed-out'],
  );
  assert.ok(existsSync(join(a.output, 'README.md')));
  assert.ok(
    a.log.some((l) => /warning: hook hooked:slow timed out after 1 s .*continuing/.test(l)),
    a.log.join('\n'),
  );

  const hard = pack(`[[hooks.post_generation]]\nname = "slow"\ntype = "command"\ncommand = ${toml(NODE)}\nargs = ${sleep}\ntimeout = 1\n`);
  const b = generate(hard);
  await assert.rejects(
    b.run,
    (err: unknown) => err instanceof GenerationError && /slow .*timed out after 1 s.*rolled back/.test(err.message),
  );
  assert.equal(existsSync(b.output), false, 'rolled back');
});

test('command = "npm install" without args is a command line: split on whitespace, no shell', async () => {
  const hook = (command: string, args?: string[]): Extract<HookDef, { type: 'command' }> => ({
    stage: 'post_generation',
    name: 'h',
    type: 'command',
    command,
    args: args ?? [],
    hasArgs: args !== undefined,
    continueOnError: false,
  });
  assert.deepEqual(commandOf(hook('npm install')), { command: 'npm', args: ['install'] });
  assert.deepEqual(commandOf(hook('  npm   install\t--no-audit ')), { command: 'npm', args: ['install', '--no-audit'] });
  assert.deepEqual(commandOf(hook('npm', ['install'])), { command: 'npm', args: ['install'] });
  assert.deepEqual(commandOf(hook('/opt/my tools/run', [])), { command: '/opt/my tools/run', args: [] }, 'args given: never split');

  // For real: no shell, so `$HOME` and `>` reach node as plain arguments.
  const code = `require('fs').writeFileSync('argv.json',JSON.stringify(process.argv.slice(1)))`;
  const dir = pack(
    `[hooks]\npost_generation = [{ name = "line", type = "command", command = ${toml(`${NODE} -e ${code} $HOME > x`)}, timeout = 60 }]\n`,
  );
  const { run, output } = generate(dir);
  const outcome = await run;
  assert.deepEqual(
    outcome.hooks.runs.map((r) => `${r.name}:${r.status}`),
    ['line:ok'],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(output, 'argv.json'), 'utf8')), ['$HOME', '>', 'x']);
  assert.equal(existsSync(join(output, 'x')), false, 'no shell redirection');
});

test('builtin format-code runs the project\'s "format" script, and is skipped (reported) without one', async () => {
  const withScript = pack(`[[hooks.post_generation]]\nname = "format-code"\ntype = "builtin"\nfunction = "format-code"\ntimeout = 120\n`, {
    'tpl/package.json': JSON.stringify({
      name: 'x',
      private: true,
      scripts: { format: `node -e "${write('formatted.txt').replace(/"/g, '\\"')}"` },
    }),
  });
  const a = generate(withScript);
  const outcome = await a.run;
  assert.deepEqual(
    outcome.hooks.runs.map((r) => `${r.command}:${r.status}`),
    ['npm run format:ok'],
  );
  assert.equal(readFileSync(join(a.output, 'formatted.txt'), 'utf8'), 'ran');

  const without = pack(`[[hooks.post_generation]]\nname = "format-code"\ntype = "builtin"\nfunction = "format-code"\n`);
  const b = generate(without);
  const skipped = await b.run;
  assert.deepEqual(skipped.hooks.runs, []);
  assert.deepEqual(skipped.hooks.skipped, ['hooked:format-code: no format script']);
});
