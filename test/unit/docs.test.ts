// README's CLI reference, lint-rule table and pack.toml reference are generated from the verb
// definitions, the rule registry and the schema; this fails when one changed without the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

test('README.md generated sections are current (scripts/gen-reference.ts)', () => {
  const root = resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-reference.ts', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
