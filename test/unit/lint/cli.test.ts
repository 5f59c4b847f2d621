import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES } from './golden-support';

// Runs the built CLI (node esbuild.mjs first) with a temp GGEN_HOME and the lint fixture catalog.
const ROOT = resolve(__dirname, '../../..');
const CATALOG = resolve(FIXTURES, '../catalog');
const temp = () => mkdtempSync(join(tmpdir(), 'packs-'));

function cli(args: string[], json = true) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args, ...(json ? ['--format', 'json'] : [])], {
    env: { ...process.env, GGEN_HOME: temp(), GGEN_BUNDLED_DIR: CATALOG, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: json ? JSON.parse(r.stdout) : null };
}

/** A copy of a golden case (so --fix can write). */
function copyCase(name: string): string {
  const dir = temp();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

test('validate a clean pack: exit 0, score 100 in every category', () => {
  const r = cli(['validate', join(FIXTURES, 'good')]);
  assert.equal(r.code, 0);
  assert.equal(r.json.ok, true);
  assert.deepEqual(r.json.issues, []);
  assert.equal(r.json.data.score, 100);
  assert.deepEqual(Object.keys(r.json.data.categories), ['metadata', 'templates', 'queries', 'variables', 'dependencies', 'documentation']);
  assert.equal(r.json.data.name, 'good-pack');
});

test('validate by name finds the pack in the store', () => {
  const r = cli(['validate', 'lib-pack']);
  assert.equal(r.json.data.name, 'lib-pack');
  assert.ok(r.json.issues.some((i: { code: string }) => i.code === 'packs/missing-readme'));
  assert.equal(r.code, 0, 'warnings alone exit 0');
  assert.equal(cli(['validate', 'lib-pack', '--strict']).code, 2, '--strict makes warnings fail');
  assert.equal(cli(['validate', 'no-such-pack']).code, 7);
});

test('malformed TOML: exit 2 with line:col', () => {
  const r = cli(['validate', join(FIXTURES, 'syntax')]);
  assert.equal(r.code, 2);
  assert.equal(r.json.ok, false);
  assert.equal(r.json.issues[0].code, 'packs/syntax');
  assert.deepEqual(r.json.issues[0].range.start, { line: 4, column: 18 });
  const human = cli(['check', join(FIXTURES, 'syntax')], false);
  assert.equal(human.code, 2);
  assert.match(human.stderr, /pack\.toml:4:18: error packs\/syntax/);
});

test('unknown keys, missing fields and bad semver: exit 2 with issue shape and score', () => {
  for (const [name, code] of [
    ['unknown-key', 'packs/unknown-key'],
    ['missing-field', 'packs/missing-field'],
    ['invalid-version', 'packs/invalid-version'],
  ] as const) {
    const r = cli(['validate', join(FIXTURES, name)]);
    assert.equal(r.code, 2, name);
    const issue = r.json.issues.find((i: { code: string }) => i.code === code);
    assert.ok(issue, `${name} reports ${code}`);
    assert.deepEqual(
      Object.keys(issue)
        .filter((k) => k !== 'fix')
        .sort(),
      ['category', 'code', 'file', 'message', 'range', 'severity'],
    );
    assert.equal(issue.category, code === 'packs/unknown-key' ? 'templates' : 'metadata', `${code} counts in its score category`);
    assert.equal(issue.file, join(FIXTURES, name, 'pack.toml'));
    assert.ok(r.json.data.score < 100);
  }
  const missing = cli(['validate', join(FIXTURES, 'missing-field')]);
  assert.equal(
    missing.json.issues.filter((i: { code: string }) => i.code === 'packs/missing-field').length,
    2,
    'all missing fields at once',
  );
});

test('validation score arithmetic: 100 − 20·errors − 5·warnings per category, mean floored', () => {
  const r = cli(['validate', join(FIXTURES, 'missing-field')]);
  assert.equal(r.json.data.categories.metadata, 60);
  assert.equal(r.json.data.score, Math.floor((60 + 500) / 6));
});

test('check is the fast subset: schema yes, template and query parsing no', () => {
  assert.equal(cli(['check', join(FIXTURES, 'unknown-key')]).code, 2);
  const q = cli(['check', join(FIXTURES, 'query-syntax')]);
  assert.equal(q.code, 0);
  assert.deepEqual(q.json.issues, []);
  assert.deepEqual(Object.keys(q.json.data).sort(), ['dir', 'errors', 'name', 'valid', 'version', 'warnings']);
  assert.equal(cli(['validate', join(FIXTURES, 'query-syntax')]).code, 2);
});

test('lint --fix applies safe fixes, reports them, re-lints; unsafe ones remain', () => {
  const dir = copyCase('unknown-key');
  const before = cli(['lint', dir]);
  assert.equal(before.code, 2);
  assert.equal(before.json.data.fixable, 1);
  const fixed = cli(['lint', dir, '--fix']);
  assert.equal(fixed.code, 0);
  assert.deepEqual(fixed.json.issues, []);
  assert.equal(fixed.json.data.fixed[0].code, 'packs/unknown-key');
  assert.match(readFileSync(join(dir, 'pack.toml'), 'utf8'), /^priority = 1$/m);

  const snake = copyCase('variable-not-snake-case');
  const r = cli(['lint', snake, '--fix']);
  assert.equal(r.code, 2);
  assert.deepEqual(r.json.data.fixed, []);
  assert.equal(r.json.issues[0].code, 'packs/variable-not-snake-case');
});

test('lint --fix human output says what was fixed', () => {
  const dir = copyCase('missing-changelog-entry');
  const r = cli(['lint', dir, '--fix'], false);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Fixed 1 issue\(s\):\n.*packs\/missing-changelog-entry/);
  assert.match(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'), /## 1\.0\.0/);
});

test('validate --with: same variable with another type, same output paths, conflicting dependency ranges', () => {
  const a = copyCase('good');
  const b = copyCase('good');
  const toml = readFileSync(join(b, 'pack.toml'), 'utf8')
    .replace('name = "good-pack"', 'name = "other-pack"')
    .replace(
      'name = "api_port"\ndescription = "API server port"\ntype = "integer"\ndefault = 8080',
      'name = "api_port"\ndescription = "API server port"\ntype = "string"\ndefault = "8080"',
    )
    .replace('[dependencies]\n', '[dependencies]\nlib-pack = "^2.0.0"\n');
  writeFileSync(join(b, 'pack.toml'), toml);
  writeFileSync(
    join(a, 'pack.toml'),
    readFileSync(join(a, 'pack.toml'), 'utf8').replace('[dependencies]\n', '[dependencies]\nlib-pack = "^1.0.0"\n'),
  );
  const r = cli(['validate', a, '--with', b]);
  assert.equal(r.code, 2);
  const codes = r.json.issues.map((i: { code: string }) => i.code).sort();
  assert.deepEqual([...new Set(codes)], ['packs/conflicting-output', 'packs/dependency-conflict', 'packs/incompatible-variable']);
  assert.deepEqual(r.json.data.with, ['other-pack@1.0.0']);
});
