// `validate --check-templates|--check-queries|--check-variables|--check-dependencies` keep only those
// categories of issues (and score); `--compatibility --with <pack>` checks two packs against each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { header, localTemplate, tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1' },
  });
  return {
    code: r.status,
    stderr: r.stderr,
    json: JSON.parse(r.stdout) as { ok: boolean; data: Record<string, unknown>; issues: Issue[]; error: { message: string } | null },
  };
}
interface Issue {
  code: string;
  severity: string;
  category: string;
  message: string;
}

/** One error in each of templates, queries, variables and dependencies. */
const BROKEN =
  header('broken-pack') +
  localTemplate('app', 't') +
  '[[queries]]\nname = "things"\nsource = { type = "inline", query = "SELECT ?x WHERE { ?x" }\n\n' +
  '[[variables]]\nname = "name"\ntype = "string"\ndefault = "x"\n\n[[variables]]\nname = "name"\ntype = "string"\ndefault = "y"\n\n' +
  '[dependencies]\nother-pack = "not a range"\n';

const errorCodes = (issues: Issue[]) =>
  [...new Set(issues.filter((i) => i.severity === 'error').map((i) => `${i.category}:${i.code}`))].sort();

test('validate --check-<category> reports only the issues of that category', () => {
  const home = tempDir();
  const pack = writeTree({ 'pack.toml': BROKEN, 't/a.txt.mustache': '{{#name}} never closed {{things}}\n' });
  const all = cli(home, 'validate', pack);
  assert.equal(all.code, 2);
  assert.deepEqual(errorCodes(all.json.issues), [
    'dependencies:packs/dependency-not-found',
    'dependencies:packs/invalid-range',
    'queries:packs/query-syntax',
    'templates:packs/template-syntax',
    'variables:packs/duplicate-variable',
  ]);

  const vars = cli(home, 'validate', pack, '--check-variables');
  assert.equal(vars.code, 2, 'the variable error still fails');
  assert.deepEqual(errorCodes(vars.json.issues), ['variables:packs/duplicate-variable']);
  assert.ok(
    vars.json.issues.every((i) => i.category === 'variables'),
    'no template, query or dependency issue',
  );
  assert.deepEqual(vars.json.data.checked, ['variables']);

  for (const [flag, want] of [
    ['--check-templates', ['templates:packs/template-syntax']],
    ['--check-queries', ['queries:packs/query-syntax']],
    ['--check-dependencies', ['dependencies:packs/dependency-not-found', 'dependencies:packs/invalid-range']],
  ] as const) {
    const r = cli(home, 'validate', pack, flag);
    assert.equal(r.code, 2, flag);
    assert.deepEqual(errorCodes(r.json.issues), want, flag);
  }

  const two = cli(home, 'validate', pack, '--check-templates', '--check-variables');
  assert.deepEqual(errorCodes(two.json.issues), ['templates:packs/template-syntax', 'variables:packs/duplicate-variable']);
  assert.deepEqual(two.json.data.checked, ['templates', 'variables']);
});

test('validate --check-variables passes a pack whose only error is in a template; no flag fails it', () => {
  const home = tempDir();
  const pack = writeTree({
    'pack.toml': header('tpl-error') + localTemplate('app', 't') + '[[variables]]\nname = "name"\ntype = "string"\ndefault = "x"\n',
    't/a.txt.mustache': '{{#name}} never closed\n',
  });
  assert.equal(cli(home, 'validate', pack).code, 2);
  const r = cli(home, 'validate', pack, '--check-variables');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.data.valid, true);
});

test('a manifest that does not parse fails whatever is checked', () => {
  const home = tempDir();
  const pack = writeTree({ 'pack.toml': '[metadata\nname = "x"\n' });
  const r = cli(home, 'validate', pack, '--check-variables');
  assert.equal(r.code, 2);
  assert.equal(r.json.issues[0]?.code, 'packs/syntax');
});

test('validate --compatibility --with: shared outputs and retyped variables are errors, other defaults a warning', () => {
  const home = tempDir();
  const a = writeTree({
    'pack.toml':
      header('left-pack') +
      localTemplate('app', 't') +
      '[[variables]]\nname = "port"\ntype = "integer"\ndefault = 80\n\n[[variables]]\nname = "title"\ntype = "string"\ndefault = "Left"\n',
    't/README.md.mustache': '{{title}} {{port}}\n',
  });
  const b = writeTree({
    'pack.toml':
      header('right-pack') +
      localTemplate('docs', 'd') +
      '[[variables]]\nname = "port"\ntype = "string"\ndefault = "80"\n\n[[variables]]\nname = "title"\ntype = "string"\ndefault = "Right"\n',
    'd/README.md.mustache': '{{title}} {{port}}\n',
  });
  const r = cli(home, 'validate', a, '--compatibility', '--with', b);
  assert.equal(r.code, 2);
  const found = r.json.issues.filter((i) => ['packs/incompatible-variable', 'packs/conflicting-output'].includes(i.code));
  assert.deepEqual(found.map((i) => `${i.severity}:${i.code}`).sort(), [
    'error:packs/conflicting-output',
    'error:packs/incompatible-variable',
    'warning:packs/incompatible-variable',
  ]);
  assert.match(found.find((i) => i.code === 'packs/conflicting-output')!.message, /README\.md.*right-pack/);
  assert.match(found.find((i) => i.severity === 'warning')!.message, /defaults to "Left" here but "Right" in right-pack/);
  assert.deepEqual(r.json.data.with, ['right-pack@1.0.0']);

  // Only the variable checks: the output conflict is left out.
  const vars = cli(home, 'validate', a, '--compatibility', '--with', b, '--check-variables');
  assert.ok(vars.json.issues.every((i) => i.category === 'variables'));

  const alone = cli(home, 'validate', a, '--compatibility');
  assert.equal(alone.code, 2);
  assert.match(alone.json.error?.message ?? '', /--compatibility needs the other pack: --with <pack>/);
});

test('validate --compatibility: dependency closures that cannot be resolved together are an error', () => {
  const home = tempDir();
  const base = tempDir();
  const lib1 = writeTree({ 'pack.toml': header('lib-pack', '1.0.0') }, join(base, 'lib1'));
  const lib2 = writeTree({ 'pack.toml': header('lib-pack', '2.0.0') }, join(base, 'lib2'));
  // mid-pack needs lib ^2 — a transitive requirement the direct ranges of the two packs do not show.
  const mid = writeTree({ 'pack.toml': header('mid-pack') + '[dependencies]\nlib-pack = "^2.0.0"\n' }, join(base, 'mid'));
  for (const p of [lib1, lib2, mid])
    assert.equal(spawnSync(process.execPath, [CLI, 'install', p], { env: { ...process.env, GGEN_HOME: home } }).status, 0);
  const a = writeTree({ 'pack.toml': header('a-pack') + '[dependencies]\nlib-pack = "^1.0.0"\n' }, join(base, 'a'));
  const b = writeTree({ 'pack.toml': header('b-pack') + '[dependencies]\nmid-pack = "^1.0.0"\n' }, join(base, 'b'));
  assert.equal(cli(home, 'validate', a).json.issues.filter((i) => i.severity === 'error').length, 0, 'a alone is fine');
  const r = cli(home, 'validate', a, '--compatibility', '--with', b);
  assert.equal(r.code, 2);
  const conflict = r.json.issues.find((i) => i.code === 'packs/dependency-conflict');
  assert.ok(conflict, JSON.stringify(r.json.issues));
  assert.equal(conflict.category, 'dependencies');
  assert.match(conflict.message, /cannot be resolved together: .*lib-pack/);
});
