// The ggen cheat sheet (test/fixtures/design/cheat-sheet.txt) is copied verbatim by users: its
// install --source, validate --compatibility / --check-*, benchmark --output / --compare,
// diff --templates, export --include-dependencies and import --verify lines run as written on the
// catalog packs, are never refused by the argument parser, and exit with the code that means
// what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const SHEET = readFileSync(join(ROOT, 'test/fixtures/design/cheat-sheet.txt'), 'utf8');
const REFUSED = /unknown option|missing required argument|too many arguments/i;

/** A fresh work folder with its own GGEN_HOME; `run` takes a cheat-sheet line as written. */
function workspace() {
  const work = mkdtempSync(join(tmpdir(), 'packs-compat-'));
  const run = (line: string, home = join(work, 'home')) => {
    assert.ok(SHEET.split('\n').includes(line) || line.startsWith('ggen-pack '), line);
    const args = (line.match(/"[^"]*"|\S+/g) ?? []).slice(1).map((a) => a.replace(/^"|"$/g, ''));
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, GGEN_HOME: home, GGEN_BUNDLED_DIR: '', NO_COLOR: '1' },
    });
    assert.doesNotMatch(r.stderr, REFUSED, `${line} was refused:\n${r.stderr}`);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const installed = (home = join(work, 'home')) =>
    (JSON.parse(run('ggen-pack list --installed --format json', home).stdout) as { data: { name: string }[] }).data
      .map((p) => p.name)
      .sort();
  return { work, run, installed };
}

/** The line must be on the cheat sheet (so this test follows it if it changes). */
const line = (l: string) => {
  assert.ok(SHEET.split('\n').includes(l), `not on the cheat sheet: ${l}`);
  return l;
};

test('install --source: a URL is downloaded (here: not reachable, exit 5, or no such file, exit 7); a file installs', () => {
  const { work, run, installed } = workspace();
  // The cheat sheet's URL does not serve a pack: offline it is a network error, online a 404; nothing is installed either way.
  const url = run(line('ggen-pack install --source https://example.com/pack.tar.gz'));
  assert.ok(url.code === 5 || url.code === 7, url.stderr);
  assert.match(url.stderr, /could not be downloaded|needs the network|404/);

  assert.equal(run(line('ggen-pack export startup-pack')).code, 0);
  const file = run('ggen-pack install --source startup-pack-1.2.0.tar.gz', join(work, 'fresh'));
  assert.equal(file.code, 0, file.stderr);
  assert.deepEqual(installed(join(work, 'fresh')), ['devops-pack', 'monitoring-pack', 'startup-pack'], 'its dependencies from the catalog');
  assert.equal(run('ggen-pack install devops-pack --source startup-pack-1.2.0.tar.gz', join(work, 'other')).code, 2, 'name mismatch');
});

test('validate --compatibility --with and --check-*: run, exit 0 on the compatible catalog packs', () => {
  const { run } = workspace();
  const compat = run(line('ggen-pack validate startup-pack --compatibility --with devops-pack'));
  assert.equal(compat.code, 0, compat.stderr);
  assert.match(compat.stdout, /Validation of startup-pack@1\.2\.0 with devops-pack@2\.1\.0/);
  const checks = run(line('ggen-pack validate startup-pack --check-templates --check-queries --check-dependencies --check-variables'));
  assert.equal(checks.code, 0, checks.stderr);
  assert.match(checks.stdout, /checked only: templates, queries, variables, dependencies/);
  assert.equal(run(line('ggen-pack validate --help')).code, 0);
});

test('benchmark --output writes the results file; --compare shows both packs', () => {
  const { work, run } = workspace();
  const out = run(line('ggen-pack benchmark startup-pack --output benchmark-results.json'));
  assert.equal(out.code, 0, out.stderr);
  const results = JSON.parse(readFileSync(join(work, 'benchmark-results.json'), 'utf8'));
  assert.equal(results.pack.name, 'startup-pack');
  assert.equal(results.iterations, 10);
  const cmp = run(line('ggen-pack benchmark startup-pack --compare devops-pack'));
  assert.equal(cmp.code, 0, cmp.stderr);
  assert.match(cmp.stdout, /Benchmark of startup-pack@1\.2\.0 vs devops-pack@2\.1\.0/);
});

test('diff --templates between the catalog 1.2.0 and an installed 1.3.0', () => {
  const { work, run } = workspace();
  // A 1.3.0 of startup-pack: one template file changed, the description too (not reported with --templates).
  const next = join(work, 'startup-pack-1.3.0');
  cpSync(join(ROOT, 'examples/packs/startup-pack'), next, { recursive: true });
  const toml = readFileSync(join(next, 'pack.toml'), 'utf8');
  writeFileSync(
    join(next, 'pack.toml'),
    toml.replace('version = "1.2.0"', 'version = "1.3.0"').replace(/^description = "/m, 'description = "Now: '),
  );
  writeFileSync(join(next, 'CHANGELOG.md'), `## 1.3.0\n\n- A template changed.\n\n${readFileSync(join(next, 'CHANGELOG.md'), 'utf8')}`);
  const css = join(next, 'templates/web/styles.css');
  writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* changed in 1.3.0 */\n`);
  const inst = run(`ggen-pack install ${next} --no-dependencies`);
  assert.equal(inst.code, 0, inst.stderr);

  const all = run(line('ggen-pack diff startup-pack 1.2.0 1.3.0'));
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /metadata:/);
  const tpls = run(line('ggen-pack diff startup-pack 1.2.0 1.3.0 --templates'));
  assert.equal(tpls.code, 0, tpls.stderr);
  assert.match(tpls.stdout, /startup-pack 1\.2\.0 → 1\.3\.0 \(templates only\)/);
  assert.match(tpls.stdout, /~ templates\/web\/styles\.css/);
  assert.doesNotMatch(tpls.stdout, /metadata:|CHANGELOG|pack\.toml/);
});

test('export --include-dependencies, then import (and import --verify) into fresh homes installs the pack and its dependencies', () => {
  const { work, run, installed } = workspace();
  const exp = run(line('ggen-pack export startup-pack --include-dependencies'));
  assert.equal(exp.code, 0, exp.stderr);
  // The cheat sheet names the bundle startup-pack.tar.gz; export names it <name>-<version>.tar.gz.
  renameSync(join(work, 'startup-pack-1.2.0.tar.gz'), join(work, 'startup-pack.tar.gz'));
  for (const [l, home] of [
    [line('ggen-pack import startup-pack.tar.gz'), join(work, 'plain')],
    [line('ggen-pack import startup-pack.tar.gz --verify'), join(work, 'verified')],
  ] as const) {
    const r = run(l, home);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(installed(home), ['devops-pack', 'monitoring-pack', 'startup-pack'], l);
  }
  const v = run(line('ggen-pack import startup-pack.tar.gz --verify'), join(work, 'again'));
  assert.match(v.stdout, /verified: 3 pack\(s\), \d+ file checksum\(s\) \(SHA-256\), integrity sha512 matched/);
});
