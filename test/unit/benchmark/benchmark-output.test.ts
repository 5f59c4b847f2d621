// `benchmark --output <file>` writes the results (what `--format json` prints as data);
// `--compare <pack>` benchmarks a second pack with the same iterations, side by side. Structure
// only: timing values are never asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { header, localTemplate, tempDir, variable, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const PHASES = ['resolve', 'query', 'render', 'write', 'total'];

function setup() {
  const tmp = tempDir();
  const one = writeTree(
    {
      'pack.toml': header('bench-one') + localTemplate('docs', 'docs') + variable('name', 'required = true\nexamples = ["demo"]'),
      'docs/README.md.mustache': '# {{name}}\n',
    },
    join(tmp, 'one'),
  );
  const two = writeTree(
    {
      'pack.toml': header('bench-two') + localTemplate('code', 'src') + variable('port', 'default = "80"'),
      'src/a.txt.mustache': '{{port}}\n',
      'src/b.txt': 'b\n',
    },
    join(tmp, 'two'),
  );
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, GGEN_HOME: join(tmp, 'home'), TMPDIR: tmp },
    });
  return { tmp, one, two, cli };
}

const assertShape = (d: Record<string, unknown>, name: string, files: number) => {
  assert.deepEqual((d.pack as { name: string }).name, name);
  assert.equal(d.iterations, 2);
  assert.equal(d.files, files);
  assert.deepEqual(Object.keys(d.phases as object), PHASES);
  assert.deepEqual(Object.keys(d.first as object), PHASES);
  for (const s of Object.values(d.phases as Record<string, object>)) assert.deepEqual(Object.keys(s), ['mean', 'median', 'min', 'max']);
};

test('benchmark --output writes the JSON results, the same data as --format json', () => {
  const { tmp, one, cli } = setup();
  const r = cli('benchmark', one, '--iterations', '2', '--output', 'out/results.json', '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const printed = JSON.parse(r.stdout).data;
  const written = JSON.parse(readFileSync(join(tmp, 'out/results.json'), 'utf8'));
  assert.deepEqual(written, printed);
  assertShape(written, 'bench-one', 1);
  assert.match(r.stderr, /using the packs' example values for name="demo"/, 'a required variable without value takes its example');
  assert.match(r.stderr, /Wrote the results to .*results\.json/);
  assert.deepEqual(
    readdirSync(tmp).filter((f) => f.startsWith('ggen-bench-') || f.endsWith('.tmp')),
    [],
  );

  const human = cli('benchmark', one, '--iterations', '2', '--output', 'human.json', '--var', 'name=x');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /Benchmark of bench-one@1\.0\.0: 2 iteration\(s\)/);
  assertShape(JSON.parse(readFileSync(join(tmp, 'human.json'), 'utf8')), 'bench-one', 1);
});

test('benchmark --compare runs both packs with the same iterations: side by side, both in JSON', () => {
  const { tmp, one, two, cli } = setup();
  const r = cli('benchmark', one, '--iterations', '2', '--compare', two, '--format', 'json', '--output', 'both.json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout).data;
  assertShape(d, 'bench-one', 1);
  assertShape(d.compare, 'bench-two', 2);
  assert.deepEqual(JSON.parse(readFileSync(join(tmp, 'both.json'), 'utf8')), d);

  // A --var only the other pack declares is not "unknown" for this one.
  const human = cli('benchmark', one, '--iterations', '2', '--compare', two, '--var', 'port=90');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /Benchmark of bench-one@1\.0\.0 vs bench-two@1\.0\.0: 2 iteration\(s\) each/);
  for (const p of PHASES) assert.match(human.stdout, new RegExp(`^  ${p} +[\\d.]+ / [\\d.]+ +[\\d.]+ / [\\d.]+$`, 'm'));
  assert.match(human.stdout, /^ {2}files +1 +2$/m);
  assert.equal(
    cli('benchmark', one, '--iterations', '2', '--var', 'nope=1', '--compare', two).status,
    2,
    'a name neither declares still fails',
  );
});
