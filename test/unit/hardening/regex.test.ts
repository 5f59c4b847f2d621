// Pack authors' regular expressions run on RE2 (engine/render/user-regex.ts): a catastrophically
// backtracking pattern cannot hang generation, and syntax RE2 lacks (backreferences, lookaround)
// is a validation issue naming the variable and the pattern, before anything is generated.
// The CLI cases run the built bundle (dist/cli.js, which loads dist/re2.js) with a fresh GGEN_HOME.
// No timing assertion: without the linear-time engine the first test would simply hang (the
// node:test timeout is the guard).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliEnvelope } from '../../../protocol';
import { validateVariableValue } from '../../../engine/manifest/coerce';
import { conditionHolds } from '../../../engine/render/conditions';
import { compileUserRegex, unsupportedFeature } from '../../../engine/render/user-regex';
import { tempDir, writeTree } from '../generate/fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const EVIL = '^(a+)+$';
const INPUT = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!';
const HANG_GUARD = { timeout: 60_000 };

function cli(args: string[], home: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GGEN_HOME: home, NO_COLOR: '1' },
    timeout: 50_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function patternPack(pattern: string): string {
  return writeTree({
    'pack.toml': `[metadata]
name = "regex-pack"
version = "1.0.0"
description = "A pack with a validation pattern"
category = "custom"

[[templates]]
alias = "main"

[templates.source]
type = "inline"
content = "{{word}}"
format = "single_file"
to = "word.txt"

[[variables]]
name = "word"
type = "string"

[variables.validation]
pattern = ${JSON.stringify(pattern)}
`,
  });
}

test('generate with a catastrophically backtracking pattern finishes and reports the value with the variable name', HANG_GUARD, () => {
  const home = tempDir();
  const out = join(tempDir(), 'out');
  const r = cli(['generate', patternPack(EVIL), '--output', out, '--var', `word=${INPUT}`, '--format', 'json'], home);
  assert.equal(r.signal, null, 'not killed');
  assert.equal(r.code, 2, r.stderr);
  const doc = JSON.parse(r.stdout) as CliEnvelope;
  assert.equal(doc.ok, false);
  const issue = doc.issues.find((i) => i.code === 'packs/invalid-variable');
  assert.ok(issue, JSON.stringify(doc.issues));
  assert.match(issue.message, /"word"/);
  assert.match(issue.message, /must match \/\^\(a\+\)\+\$\//);
  assert.equal(existsSync(out), false, 'nothing written');
  // The same pattern still accepts what it should.
  const ok = cli(['generate', patternPack(EVIL), '--output', out, '--var', 'word=aaaa'], home);
  assert.equal(ok.code, 0, ok.stderr);
});

test('the engine functions match with RE2: long hostile input, defaults, conditions', HANG_GUARD, () => {
  const def = {
    name: 'word',
    type: 'string' as const,
    required: false,
    examples: [],
    secret: false,
    index: 0,
    validation: { pattern: EVIL },
  };
  const long = 'a'.repeat(50_000) + '!';
  assert.deepEqual(validateVariableValue(def, 'aaa'), []);
  assert.match(validateVariableValue(def, long)[0] ?? '', /must match/);
  assert.equal(conditionHolds({ variable: 'w', operator: 'matches', value: '^(a|aa)+$' }, { w: long }, 't'), false);
  assert.equal(conditionHolds({ variable: 'w', operator: 'matches', value: '^(a|aa)+$' }, { w: 'aaaa' }, 't'), true);
});

test('RE2 semantics where they could surprise: anchors, Unicode classes, escapes JavaScript writes differently', () => {
  const t = (p: string, s: string) => {
    const r = compileUserRegex(p);
    assert.ok(r.ok, `${p}: ${r.ok ? '' : r.message}`);
    return r.regex.test(s);
  };
  assert.equal(t('^a$', 'a'), true);
  assert.equal(t('^a$', 'a\n'), false); // `$` is the end of the text, as in JavaScript without `m`
  assert.equal(t('^\\p{L}+$', 'héllo'), true);
  assert.equal(t('^\\u0041\\u{1F600}$', 'A😀'), true);
  assert.equal(t('^.$', '😀'), true); // code points, as with the `u` flag
  assert.equal(t('^[^@\\s"<>]+@[^@\\s"<>]+$', 'ada@example.org'), true);
  assert.equal(t('^(?<year>\\d{4})-\\d{2}$', '2024-05'), true);
});

test('syntax RE2 lacks is named; JavaScript syntax errors stay "does not compile"', () => {
  assert.equal(unsupportedFeature('(a)\\1'), 'a backreference (`\\1`)');
  assert.equal(unsupportedFeature('(?<n>a)\\k<n>'), 'a named backreference (`\\k<…>`)');
  assert.equal(unsupportedFeature('a(?=b)'), 'a lookahead (`(?=…)`)');
  assert.equal(unsupportedFeature('a(?!b)'), 'a negative lookahead (`(?!…)`)');
  assert.equal(unsupportedFeature('(?<=a)b'), 'a lookbehind (`(?<=…)`)');
  assert.equal(unsupportedFeature('(?<!a)b'), 'a negative lookbehind (`(?<!…)`)');
  assert.equal(unsupportedFeature('[\\1(?=]x\\\\1'), null, 'inside a class, or an escaped backslash');
  const big = compileUserRegex('a{1001}');
  assert.ok(!big.ok && big.kind === 're2', 'a repeat count RE2 refuses');
  const bad = compileUserRegex('^[a-z(');
  assert.ok(!bad.ok && bad.kind === 'javascript');
  const def = { name: 'v', type: 'string' as const, required: false, examples: [], secret: false, index: 0 };
  assert.match(
    validateVariableValue({ ...def, validation: { pattern: '(a)\\1' } }, 'aa')[0] ?? '',
    /cannot be used: it uses a backreference/,
  );
  assert.match(validateVariableValue({ ...def, validation: { pattern: '^[a-z(' } }, 'aa')[0] ?? '', /does not compile/);
});

test('validate and generate report a lookahead pattern as packs/unsupported-regex at the pattern; nothing is written', HANG_GUARD, () => {
  const home = tempDir();
  const pack = patternPack('^(?!test)[a-z]+$');
  const v = cli(['validate', pack, '--format', 'json'], home);
  assert.equal(v.code, 2, v.stderr);
  const vdoc = JSON.parse(v.stdout) as CliEnvelope;
  const issue = vdoc.issues.find((i) => i.code === 'packs/unsupported-regex');
  assert.ok(issue, JSON.stringify(vdoc.issues));
  assert.match(issue.message, /`word`/);
  assert.match(issue.message, /\^\(\?!test\)\[a-z\]\+\$/);
  assert.match(issue.message, /negative lookahead/);
  assert.equal(issue.range?.start.line, 21);
  const out = join(tempDir(), 'out');
  const g = cli(['generate', pack, '--output', out, '--var', 'word=abc', '--format', 'json'], home);
  assert.equal(g.code, 2, g.stderr);
  const gdoc = JSON.parse(g.stdout) as CliEnvelope;
  assert.deepEqual(
    gdoc.issues.map((i) => [i.code, i.message, i.range?.start.line]),
    [[issue.code, issue.message, issue.range?.start.line]],
    'generate prints the issue validate prints',
  );
  assert.equal(existsSync(out), false);
  const human = cli(['generate', pack, '--output', out, '--var', 'word=abc'], home);
  assert.equal(human.code, 2);
  assert.match(human.stderr, /pack\.toml:21:\d+: error packs\/unsupported-regex/);
});

test('a matches condition RE2 cannot run is reported at the condition', HANG_GUARD, () => {
  const home = tempDir();
  const pack = writeTree({
    'pack.toml': `[metadata]
name = "cond-pack"
version = "1.0.0"
description = "A pack with a condition"
category = "custom"

[[templates]]
alias = "main"

[templates.source]
type = "inline"
content = "x"
format = "single_file"
to = "x.txt"

[[templates.conditions]]
variable = "word"
operator = "matches"
value = "^(a)\\\\1$"

[[variables]]
name = "word"
type = "string"
default = "aa"
`,
  });
  const v = cli(['validate', pack, '--format', 'json'], home);
  assert.equal(v.code, 2, v.stderr);
  const issue = (JSON.parse(v.stdout) as CliEnvelope).issues.find((i) => i.code === 'packs/unsupported-regex');
  assert.ok(issue);
  assert.equal(issue.category, 'templates');
  assert.equal(issue.range?.start.line, 19);
  assert.match(issue.message, /template `main`/);
  const g = cli(['generate', pack, '--output', join(tempDir(), 'out')], home);
  assert.equal(g.code, 2, g.stderr);
});
