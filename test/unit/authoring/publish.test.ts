import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { session } from './cli-session';

const FIXTURES = resolve(__dirname, '../../fixtures/authoring');
const CHECKS = ['validation', 'maturity-score', 'readme', 'license-file', 'changelog', 'license-metadata', 'version-unpublished'];

type Check = { name: string; status: 'pass' | 'fail' | 'warn'; reason: string };
/** Look up a reported check by name; a check that was not reported fails the test. */
const byName = (checks: Check[]) => {
  const map = new Map(checks.map((c) => [c.name, c]));
  return (name: string): Check => {
    const c = map.get(name);
    assert.ok(c, `check ${name} is reported`);
    return c;
  };
};

const tree = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();

test('publish --dry-run on a fresh scaffold: exit 2, names the failing checks, writes nothing', () => {
  const s = session();
  assert.equal(s.run('create', '--name', 'my-custom-pack').code, 0);
  const before = tree(s.cwd);
  const r = s.json('publish', './my-custom-pack/', '--dry-run');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.doc.ok, false);
  assert.equal(r.doc.data.ok, false);
  assert.equal(r.doc.data.dryRun, true);
  assert.deepEqual(r.doc.data.pack, { name: 'my-custom-pack', version: '0.1.0', dir: join(s.cwd, 'my-custom-pack') });
  assert.deepEqual(
    r.doc.data.checks.map((c: Check) => c.name),
    CHECKS,
  );
  for (const c of r.doc.data.checks) assert.ok(['pass', 'fail', 'warn'].includes(c.status) && c.reason.length > 0);
  const checks = byName(r.doc.data.checks);
  assert.equal(checks('maturity-score').status, 'fail');
  assert.match(checks('maturity-score').reason, /must be more than 80/);
  for (const ok of ['validation', 'readme', 'license-file', 'changelog', 'license-metadata']) assert.equal(checks(ok).status, 'pass', ok);
  // No remote registry is configured: a warning "could not check", never a pass.
  assert.equal(checks('version-unpublished').status, 'warn');
  assert.match(checks('version-unpublished').reason, /could not check/);
  assert.deepEqual(tree(s.cwd), before);

  const human = s.run('publish', './my-custom-pack/', '--dry-run');
  assert.equal(human.code, 2);
  assert.match(human.stdout, /FAIL\s+maturity-score/);
  assert.match(human.stdout, /Not publishable: maturity-score, version-unpublished/);
});

test('publish --dry-run on a complete pack: warnings block without --force, pass with it', () => {
  const s = session();
  cpSync(join(FIXTURES, 'publish-ready'), join(s.cwd, 'publish-ready'), { recursive: true });
  const plain = s.json('publish', './publish-ready', '--dry-run');
  assert.equal(plain.code, 2);
  const failing = plain.doc.data.checks.filter((c: Check) => c.status !== 'pass').map((c: Check) => c.name);
  assert.deepEqual(failing, ['version-unpublished']);

  const forced = s.json('publish', './publish-ready', '--dry-run', '--force');
  assert.equal(forced.code, 0, forced.stdout + forced.stderr);
  assert.equal(forced.doc.ok, true);
  assert.equal(forced.doc.data.ok, true);
  assert.ok(forced.doc.data.score.total > 80);
  assert.ok(forced.doc.data.checks.every((c: Check) => c.status === 'pass'));
  assert.match(byName(forced.doc.data.checks)('version-unpublished').reason, /accepted with --force/);
});

test('publish without --dry-run and with no registry configured: the checks pass, then it says where to configure one (exit 2)', () => {
  const s = session();
  cpSync(join(FIXTURES, 'publish-ready'), join(s.cwd, 'publish-ready'), { recursive: true });
  const r = s.json('publish', './publish-ready', '--force');
  assert.equal(r.code, 2);
  assert.equal(r.doc.ok, false);
  assert.match(r.doc.error.message, /there is no registry to publish publish-ready@/);
  assert.match(r.doc.error.hint, /--registry <url>|\[registries\]/);
  // Failing checks still exit 2 without --dry-run, before any upload would be tried.
  assert.equal(s.run('publish', './publish-ready').code, 2);
});

test('publish: a version already in the local registry fails; --force never overrides a failure', () => {
  const s = session({ bundledDir: FIXTURES });
  assert.equal(s.run('install', 'publish-ready').code, 0);
  cpSync(join(FIXTURES, 'publish-ready'), join(s.cwd, 'publish-ready'), { recursive: true });
  const r = s.json('publish', './publish-ready', '--dry-run', '--force');
  assert.equal(r.code, 2);
  const c = byName(r.doc.data.checks)('version-unpublished');
  assert.equal(c.status, 'fail');
  assert.match(c.reason, /already in the local registry/);
});

test('publish: missing CHANGELOG entry and licence are named failures', () => {
  const s = session();
  cpSync(join(FIXTURES, 'publish-ready'), join(s.cwd, 'p'), { recursive: true });
  writeFileSync(join(s.cwd, 'p', 'CHANGELOG.md'), '# Changelog\n\n## [0.0.9] - 2024-01-01\n');
  const toml = join(s.cwd, 'p', 'pack.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8').replace('license = "MIT"\n', ''));
  const r = s.json('publish', './p', '--dry-run', '--force');
  assert.equal(r.code, 2);
  const checks = byName(r.doc.data.checks);
  assert.equal(checks('changelog').status, 'fail');
  assert.match(checks('changelog').reason, /no entry for 0\.1\.0/);
  assert.equal(checks('license-metadata').status, 'fail');
  assert.equal(s.run('publish', './nowhere', '--dry-run').code, 7);
});
