import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fix } from '../../../protocol';
import { applyFixes, applyTextEdits, fixFile, planFixes } from '../../../engine/lint';
import { FIXTURES, lintCase } from './golden-support';

/** Copy a golden case to a temp dir, apply the fixes of `code` (unsafe too when asked), re-lint. */
function fixCase(name: string, code: string, includeUnsafe = false) {
  const dir = mkdtempSync(join(tmpdir(), 'packs-'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  const before = lintCase(dir).filter((i) => i.code === code);
  assert.ok(before.length > 0 && before.every((i) => i.fix), `${name}: ${code} offers a fix`);
  const { files, applied } = applyFixes(before, { includeUnsafe });
  assert.equal(applied.length, before.length);
  for (const [file, text] of files) writeFileSync(file, text);
  return { dir, after: lintCase(dir) };
}

for (const [name, code, unsafe] of [
  ['unknown-key', 'packs/unknown-key', false],
  ['invalid-value', 'packs/invalid-value', false],
  ['wildcard-range', 'packs/wildcard-range', false],
  ['name-not-kebab-case', 'packs/name-not-kebab-case', false],
  ['unknown-category', 'packs/unknown-category', false],
  ['undeclared-variable', 'packs/undeclared-variable', false],
  ['missing-changelog-entry', 'packs/missing-changelog-entry', false],
  ['unused-variable', 'packs/unused-variable', true],
] as const) {
  test(`fix for ${code} removes the issue and leaves the pack clean`, () => {
    const { after } = fixCase(name, code, unsafe);
    assert.deepEqual(
      after.map((i) => i.code),
      [],
    );
  });
}

test('the changelog fix creates CHANGELOG.md when there is none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packs-'));
  cpSync(join(FIXTURES, 'good'), dir, { recursive: true });
  rmSync(join(dir, 'CHANGELOG.md'));
  const issues = lintCase(dir);
  assert.deepEqual(
    issues.map((i) => i.code),
    ['packs/missing-changelog-entry'],
  );
  for (const [file, text] of applyFixes(issues).files) writeFileSync(file, text);
  assert.match(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n\n## 1\.0\.0\n/);
  assert.deepEqual(lintCase(dir), []);
});

test('unsafe fixes are not applied by default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packs-'));
  cpSync(join(FIXTURES, 'variable-not-snake-case'), dir, { recursive: true });
  const { applied, files } = applyFixes(lintCase(dir));
  assert.equal(applied.length, 0);
  assert.equal(files.size, 0);
});

test('applyTextEdits applies edits right to left and appends null ranges', () => {
  const text = 'a = 1\nb = 2\n';
  const out = applyTextEdits(text, [
    { range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, newText: 'alpha' },
    { range: { start: { line: 2, column: 5 }, end: { line: 2, column: 6 } }, newText: '20' },
    { range: null, newText: 'c = 3\n' },
  ]);
  assert.equal(out, 'alpha = 1\nb = 20\nc = 3\n');
});

test('overlapping fixes: the first wins, the other waits for the next pass', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'packs-')), 'x.txt');
  writeFileSync(file, 'hello');
  const r = { start: { line: 1, column: 1 }, end: { line: 1, column: 6 } };
  const mk = (t: string) => ({
    code: 'packs/x',
    severity: 'error' as const,
    message: 'm',
    file,
    range: r,
    fix: { title: t, safe: true, edits: [{ range: r, newText: t }] },
  });
  const { files, applied } = applyFixes([mk('one'), mk('two')]);
  assert.equal(applied.length, 1);
  assert.equal(files.get(file), 'one');
});

test('planFixes: one plan per target file; a shared insertion once; relative fix files against the pack root', () => {
  const root = mkdtempSync(join(tmpdir(), 'packs-'));
  const manifest = join(root, 'pack.toml');
  const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column } });
  const insert = { range: at(1, 1), newText: '[[variables]]\n' };
  const mk = (file: string | null, fix: Fix) => ({ code: 'packs/x', severity: 'error' as const, message: 'm', file, range: at(1, 1), fix });
  const issues = [
    mk(manifest, { title: 'a', safe: true, edits: [insert] }),
    mk(null, { title: 'b', safe: true, edits: [insert] }),
    mk(manifest, { title: 'c', safe: true, file: 'CHANGELOG.md', edits: [{ range: null, newText: '## 1.0.0\n' }] }),
  ];
  const read = (f: string) => (f === manifest ? 'name = "x"\n' : null);
  const plans = planFixes(issues, read, { packRoot: root, defaultFile: manifest });
  assert.deepEqual(
    plans.map((p) => [p.file, p.text, p.edits, p.applied.map((i) => i.fix?.title)]),
    [
      [manifest, 'name = "x"\n', [insert], ['a', 'b']],
      [join(root, 'CHANGELOG.md'), null, [{ range: null, newText: '## 1.0.0\n' }], ['c']],
    ],
  );
  assert.equal(fixFile(issues[2]!, { packRoot: root }), join(root, 'CHANGELOG.md'));
  assert.equal(fixFile(issues[1]!), null, 'an issue without a file needs a default file');
});
