// The export / import flags users type from the ggen design: `--archive-format` (beside the global
// `--format`, which stays the output format), checked against the file name; and
// `--include-dependencies`, whose bundle alone makes the pack generate in a fresh $GGEN_HOME with
// no catalog and no registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { header, localTemplate, tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const base = tempDir();
const noCatalog = join(base, 'no-catalog');
mkdirSync(noCatalog);
mkdirSync(join(base, 'tmp'));

/** The CLI in `base` with its own GGEN_HOME, no bundled catalog and a private TMPDIR. */
function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: base,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(base, home), GGEN_BUNDLED_DIR: noCatalog, TMPDIR: join(base, 'tmp'), NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lib = writeTree(
  { 'pack.toml': header('lib-pack', '1.0.0') + localTemplate('lib', 'lib'), 'lib/lib.txt.mustache': 'from lib\n' },
  join(base, 'lib'),
);
const app = writeTree(
  {
    'pack.toml': header('app-pack', '2.0.0') + localTemplate('app', 'app') + '[dependencies]\nlib-pack = "^1.0.0"\n',
    'app/app.txt.mustache': 'from app\n',
  },
  join(base, 'app'),
);
assert.equal(cli('maker', 'install', lib).code, 0);
assert.equal(cli('maker', 'install', app).code, 0);

test('export --include-dependencies: the bundle alone makes the pack generate in a fresh home with no other source', () => {
  const full = cli('maker', 'export', 'app-pack', '--include-dependencies', '--archive-format', 'zip', '--format', 'json');
  assert.equal(full.code, 0, full.stderr);
  const data = JSON.parse(full.stdout).data;
  assert.equal(data.file, join(base, 'app-pack-2.0.0.zip'), 'named after the format when --output is not given');
  assert.equal(data.format, 'zip');
  assert.deepEqual(
    data.packs.map((p: { name: string }) => p.name),
    ['lib-pack', 'app-pack'],
  );

  const imp = cli('fresh', 'import', 'app-pack-2.0.0.zip', '--format', 'json');
  assert.equal(imp.code, 0, imp.stderr);
  assert.deepEqual(
    JSON.parse(imp.stdout).data.steps.map(
      (s: { name: string; action: string; explicit: boolean }) => `${s.name}:${s.action}:${s.explicit}`,
    ),
    ['lib-pack:install:false', 'app-pack:install:true'],
    'one transaction, dependency first, only the exported pack explicit',
  );
  const gen = cli('fresh', 'generate', 'app-pack', '--output', 'out');
  assert.equal(gen.code, 0, gen.stderr);
  assert.equal(readFileSync(join(base, 'out/app.txt'), 'utf8'), 'from app\n');
  assert.deepEqual(readdirSync(join(base, 'tmp')), [], 'no scratch folder is left');

  // Without the flag the bundle holds app-pack only: it imports, but cannot generate on its own.
  assert.equal(cli('maker', 'export', 'app-pack', '--output', 'alone.tar.gz').code, 0);
  assert.equal(cli('alone', 'import', 'alone.tar.gz').code, 0);
  const lacking = cli('alone', 'generate', 'app-pack', '--output', 'out2');
  assert.equal(lacking.code, 3, lacking.stderr);
  assert.match(lacking.stderr, /lib-pack/);
});

test('--archive-format overrides the name, must agree with an explicit extension, and leaves --format alone', () => {
  // No extension: the option decides; tgz is tar.gz.
  const tgz = cli('maker', 'export', 'lib-pack', '--archive-format', 'tgz', '--output', 'lib.bundle', '--format', 'json');
  assert.equal(tgz.code, 0, tgz.stderr);
  assert.equal(JSON.parse(tgz.stdout).data.format, 'tar.gz');
  assert.deepEqual([...readFileSync(join(base, 'lib.bundle')).subarray(0, 2)], [0x1f, 0x8b], 'gzip bytes');
  assert.equal(cli('h-tgz', 'import', 'lib.bundle', '--archive-format', 'tar.gz').code, 0);

  for (const [args, message] of [
    [
      ['export', 'lib-pack', '--archive-format', 'zip', '--output', 'out.tar.gz'],
      /--archive-format zip contradicts the file name .*out\.tar\.gz, which says tar\.gz/,
    ],
    [
      ['export', 'lib-pack', '--archive-format', 'tar.gz', '--output', 'out.zip'],
      /--archive-format tar\.gz contradicts the file name .*out\.zip, which says zip/,
    ],
    [['export', 'no-such-pack', '--archive-format', 'rar'], /--archive-format "rar" is not a bundle format/],
    [['import', 'lib.bundle', '--archive-format', '7z'], /--archive-format "7z" is not a bundle format/],
    [
      ['import', 'app-pack-2.0.0.zip', '--archive-format', 'tar.gz'],
      /--archive-format tar\.gz contradicts the file name .*app-pack-2\.0\.0\.zip, which says zip/,
    ],
  ] as const) {
    const r = cli('maker', ...args, '--format', 'json');
    assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
    const envelope = JSON.parse(r.stdout) as { error: { code: string; message: string; hint: string } };
    assert.equal(envelope.error.code, 'validation');
    assert.match(envelope.error.message, message);
    assert.match(envelope.error.hint, /tar\.gz/);
  }
  assert.ok(!existsSync(join(base, 'out.tar.gz')) && !existsSync(join(base, 'out.zip')), 'nothing was written');
});
