// SPEC §10: with --format json every failure prints one envelope whose `error` says why — also
// for verbs that return data and a non-zero exit code (merge / regenerate with conflicts, publish
// with failing pre-checks, validate --with incompatible packs), not only for thrown errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envelope, failureOf } from '../../../engine/cli/output';
import { writeTree } from '../generate/fixture';
import { manifestToml, tempDir, writePack } from '../registry/helpers';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: join(cwd, 'home'), NO_COLOR: '1' },
  });
  return { code: r.status, stderr: r.stderr, doc: JSON.parse(r.stdout) as Record<string, unknown> };
}

/** A failed envelope: ok false, a non-null error with a code and a message, and the exit code wanted. */
function assertFailure(r: ReturnType<typeof cli>, exit: number, code: string): { code: string; message: string; hint: string | null } {
  assert.equal(r.code, exit, r.stderr);
  assert.equal(r.doc.ok, false);
  const error = r.doc.error as { code: string; message: string; hint: string | null } | null;
  assert.ok(error !== null && typeof error === 'object', `error is null in ${JSON.stringify(r.doc)}`);
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  return error;
}

test('merge with conflicts: exit 4 and a generation error naming the files', () => {
  const base = tempDir();
  writeTree({ 'notes.txt': 'from source\n', 'same.txt': 'same\n' }, join(base, 'src'));
  writeTree({ 'notes.txt': 'from destination\n', 'same.txt': 'same\n' }, join(base, 'dst'));
  const r = cli(base, 'merge', 'src', 'dst');
  const error = assertFailure(r, 4, 'generation');
  assert.match(error.message, /1 file\(s\) could not be merged.*notes\.txt/);
  assert.match(error.hint ?? '', /markers/);
  // The data is still there: what happened to each file.
  const files = (r.doc.data as { files: { path: string; action: string }[] }).files;
  assert.deepEqual(files.find((f) => f.path === 'notes.txt')?.action, 'conflict');
  // A dry run writes nothing and does not fail.
  const dry = cli(base, 'merge', 'src', 'dst', '--dry-run');
  assert.equal(dry.code, 0);
  assert.equal(dry.doc.error, null);
});

test('regenerate ending with conflicts: exit 4 and a generation error naming the file', () => {
  const base = tempDir();
  const manifest = (v: string) =>
    `[metadata]\nname = "evolve"\nversion = "${v}"\ndescription = "A pack whose templates change"\ncategory = "custom"\n\n[[templates]]\nalias = "main"\nsource = { type = "local", path = "t" }\n`;
  const pack = writeTree({ 'pack.toml': manifest('1.0.0'), 't/edited.txt': 'one\ntwo v1\nthree\n' }, join(base, 'pack'));
  assert.equal(cli(base, 'generate', pack, '--output', 'out').code, 0);
  writeFileSync(join(base, 'out/edited.txt'), 'one\ntwo MINE\nthree\n');
  writeFileSync(join(pack, 'pack.toml'), manifest('2.0.0'));
  writeFileSync(join(pack, 't/edited.txt'), 'one\ntwo v2\nthree\n');
  const r = cli(base, 'regenerate', 'out');
  const error = assertFailure(r, 4, 'generation');
  assert.match(error.message, /1 file\(s\) have unresolved conflicts.*edited\.txt/);
  assert.deepEqual((r.doc.data as { conflicts: string[] }).conflicts, ['edited.txt']);
  assert.match(readFileSync(join(base, 'out/edited.txt'), 'utf8'), /<<<<<<</);
});

test('publish with failing pre-checks: exit 2 and a validation error listing them', () => {
  const base = tempDir();
  const dir = writePack(base, { name: 'bare-pack', version: '1.0.0', templates: ['main'] });
  const r = cli(base, 'publish', dir, '--dry-run');
  const error = assertFailure(r, 2, 'validation');
  const checks = (r.doc.data as { checks: { name: string; status: string }[] }).checks;
  const failed = checks.filter((c) => c.status === 'fail').map((c) => c.name);
  assert.ok(failed.includes('license-metadata'), JSON.stringify(checks));
  assert.match(error.message, /^Not publishable: /);
  for (const name of failed) assert.ok(error.message.includes(`${name} failed`), `${name} missing from: ${error.message}`);
});

test('validate --with an incompatible pack: exit 2 and a validation error naming both', () => {
  const base = tempDir();
  const a = writePack(base, { name: 'one-pack', version: '1.0.0', templates: ['main'] });
  const b = writePack(base, { name: 'two-pack', version: '1.0.0', templates: ['main'] });
  const r = cli(base, 'validate', a, '--with', b);
  const error = assertFailure(r, 2, 'validation');
  const codes = (r.doc.issues as { code: string }[]).map((i) => i.code);
  assert.ok(codes.includes('packs/conflicting-output'), codes.join(', '));
  assert.match(error.message, /^one-pack@1\.0\.0 with two-pack@1\.0\.0 is not valid: \d+ error\(s\)/);
});

test('a verb that only returns error issues gets an error derived from them', () => {
  const base = tempDir();
  const dir = writeTree({ 'pack.toml': manifestToml({ name: 'typo-pack', version: '1.0.0' }) + '\n[metadta]\n' }, join(base, 'typo'));
  const r = cli(base, 'lint', dir);
  const error = assertFailure(r, 2, 'validation');
  const first = (r.doc.issues as { severity: string; message: string }[]).find((i) => i.severity === 'error');
  assert.ok(first);
  assert.ok(error.message.startsWith(first.message), `${error.message} vs ${first.message}`);
});

test('the envelope itself never pairs ok:false with error:null', () => {
  const env = envelope(false, null, [], null);
  assert.equal(env.ok, false);
  assert.ok(env.error);
  assert.equal(env.error.code, 'internal');
  assert.equal(envelope(true, 1, [], null).error, null);
  assert.deepEqual(failureOf('merge', 4, [], { message: 'm', hint: 'h' }), { code: 'generation', message: 'm', hint: 'h' });
  assert.equal(failureOf('x', 7, []).code, 'not-found');
  assert.equal(failureOf('x', 42, []).code, 'internal');
});
