// `ggen-pack benchmark`: N real generations in one process, statistics per phase and per template,
// nothing left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stats } from '../../../engine/benchmark';
import { header, localTemplate, tempDir, variable, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

test('stats: mean, median, min and max', () => {
  assert.deepEqual(stats([5]), { mean: 5, median: 5, min: 5, max: 5 });
  assert.deepEqual(stats([4, 1, 3, 2]), { mean: 2.5, median: 2.5, min: 1, max: 4 });
  assert.deepEqual(stats([9, 1, 2]), { mean: 4, median: 2, min: 1, max: 9 });
});

test('benchmark generates the pack N times into temporary directories and reports every phase and template', () => {
  const pack = writeTree({
    'pack.toml': header('bench-me') + localTemplate('docs', 'docs') + localTemplate('code', 'src') + variable('name', 'default = "app"'),
    'docs/README.md.mustache': '# {{name}}\n',
    'src/{{name}}.ts.mustache': 'export const name = "{{name}}";\n',
    'src/static.txt': 'copied\n',
  });
  const tmp = tempDir();
  const r = spawnSync(process.execPath, [CLI, 'benchmark', pack, '--iterations', '3', '--var', 'name=demo', '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(tmp, 'home'), TMPDIR: tmp },
  });
  assert.equal(r.status, 0, r.stderr);
  const { data } = JSON.parse(r.stdout);
  assert.equal(data.iterations, 3);
  assert.equal(data.files, 3);
  assert.deepEqual(Object.keys(data.phases), ['resolve', 'query', 'render', 'write', 'total']);
  for (const s of Object.values<{ mean: number; median: number; min: number; max: number }>(data.phases)) {
    assert.ok(s.min >= 0 && s.min <= s.median && s.median <= s.max && s.min <= s.mean && s.mean <= s.max, JSON.stringify(s));
  }
  assert.ok(data.phases.total.min >= data.phases.write.min, 'the total includes the write');
  assert.deepEqual(
    data.templates.map((t: { template: string }) => t.template),
    ['docs', 'code'],
  );
  assert.deepEqual(
    readdirSync(tmp).filter((f) => f.startsWith('ggen-bench-')),
    [],
    'no temporary output is left behind',
  );

  const bad = spawnSync(process.execPath, [CLI, 'benchmark', pack, '--iterations', '0'], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(tmp, 'home') },
  });
  assert.equal(bad.status, 2);
});
