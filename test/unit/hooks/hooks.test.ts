// Hooks: never without trust; run in the output directory when trusted; a timeout kills the whole
// process tree; a failing hook rolls the generation back unless continue_on_error; on_error runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const NODE = JSON.stringify(process.execPath);

function pack(hooks: string, files: Record<string, string> = {}) {
  return writeTree({
    'pack.toml': `[metadata]\nname = "hooked"\nversion = "1.0.0"\ndescription = "A pack with hooks for tests"\ncategory = "custom"\n\n[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n\n[hooks]\n${hooks}\n`,
    'tpl/README.md': 'hello\n',
    ...files,
  });
}
const node = (name: string, code: string, extra = '') =>
  `{ name = "${name}", type = "command", command = ${NODE}, args = ["-e", ${JSON.stringify(code)}]${extra} }`;

function generate(dir: string, out: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'generate', dir, '--output', out, '--format', 'json', ...flags], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: tempDir() },
  });
  return { code: r.status, doc: JSON.parse(r.stdout), stderr: r.stderr };
}

test('hooks run only with --allow-hooks, in the output directory', () => {
  const dir = pack(`post_generation = [${node('mark', "require('fs').writeFileSync('hooked.txt', process.cwd())", ', timeout = 30')}]`);
  const untrusted = generate(dir, join(tempDir(), 'out'));
  assert.equal(untrusted.code, 0, untrusted.stderr);
  assert.equal(untrusted.doc.data.hooks.runs.length, 0);
  assert.match(untrusted.doc.data.hooks.skipped[0], /mark: not trusted/);
  assert.equal(existsSync(join(untrusted.doc.data.output, 'hooked.txt')), false);

  const out = join(tempDir(), 'out');
  const trusted = generate(dir, out, '--allow-hooks');
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.deepEqual(
    trusted.doc.data.hooks.runs.map((r: { name: string; status: string }) => `${r.name}:${r.status}`),
    ['mark:ok'],
  );
  assert.equal(readFileSync(join(out, 'hooked.txt'), 'utf8'), out);
});

test('a timed-out hook has its whole process tree killed and the generation rolled back; on_error runs', () => {
  const pidFile = join(tempDir(), 'child.pid');
  const grandchild = `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000);`;
  const marker = join(tempDir(), 'on-error.txt');
  const dir = pack(
    `post_generation = [${node('hang', grandchild, ', timeout = 1')}]\non_error = [${node('report', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`)}]`,
  );
  const out = join(tempDir(), 'out');
  const r = generate(dir, out, '--allow-hooks');
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.doc.error.message, /Hook hooked:hang .* timed out after 1 s .*rolled back/);
  assert.equal(existsSync(out), false, 'the generation was rolled back');
  assert.equal(readFileSync(marker, 'utf8'), 'ran');
  // Gone, or a zombie waiting for a reaper (in containers PID 1 may never reap): either way not running.
  const stat = `/proc/${Number(readFileSync(pidFile, 'utf8'))}/stat`;
  const state = existsSync(stat)
    ? readFileSync(stat, 'utf8')
        .replace(/^.*\) /, '')
        .charAt(0)
    : 'gone';
  assert.ok(['gone', 'Z', 'X'].includes(state), `the grandchild was killed with its group (state ${state})`);
});

test('continue_on_error keeps the generation; a failing pre hook writes nothing', () => {
  const soft = pack(`post_generation = [${node('fails', 'process.exit(3)', ', timeout = 30, continue_on_error = true')}]`);
  const out = join(tempDir(), 'out');
  const r = generate(soft, out, '--allow-hooks');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.doc.data.hooks.runs[0].status, 'failed');
  assert.match(r.stderr, /continuing \(continue_on_error\)/);
  assert.ok(existsSync(join(out, 'README.md')));

  const pre = pack(`pre_generation = [${node('guard', 'process.exit(1)', ', timeout = 30')}]`);
  const out2 = join(tempDir(), 'out2');
  const r2 = generate(pre, out2, '--allow-hooks');
  assert.equal(r2.code, 4);
  assert.equal(existsSync(out2), false);
});

test("builtins run the project's own tooling", () => {
  const dir = pack(
    'post_generation = [{ name = "test", type = "builtin", function = "run-tests", timeout = 60 }, { name = "docs", type = "builtin", function = "generate-docs" }]',
    {
      'tpl/package.json': JSON.stringify({
        name: 'x',
        private: true,
        scripts: { test: "node -e \"require('fs').writeFileSync('tested.txt', 'yes')\"" },
      }),
    },
  );
  const out = join(tempDir(), 'out');
  const r = generate(dir, out, '--allow-hooks');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.doc.data.hooks.runs.map((x: { command: string; status: string }) => `${x.command}:${x.status}`),
    ['npm test:ok'],
  );
  assert.match(r.doc.data.hooks.skipped.join('\n'), /docs: no docs script/);
  assert.equal(readFileSync(join(out, 'tested.txt'), 'utf8'), 'yes');
});
