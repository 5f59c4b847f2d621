// The layer rules of ARCHITECTURE.md are checked by dependency-cruiser (`npm run lint`). This test runs
// the project's own .dependency-cruiser.cjs over test/fixtures/layers/, where every rule is broken once
// on purpose, so a rule that stops matching (a renamed folder, a regex typo) fails here instead of
// silently passing the real tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'layers');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

test('each layer rule catches its deliberate violation, and correct imports pass', () => {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      '.',
      '--config',
      join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: FIXTURE, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `the cruise ran (the json reporter exits 0 with violations)\n${r.stderr}`);
  const { summary } = JSON.parse(r.stdout) as { summary: { violations: Violation[] } };
  const found = summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  assert.deepEqual(found, [
    'cli-uses-the-public-api: engine/cli/verb.ts → engine/core/internal.ts',
    'engine-core-knows-no-front-end: engine/core/impure.ts → language-server/server.ts',
    'engine-is-pure: engine/core/impure.ts → vscode',
    'front-ends-use-the-public-api: language-server/server.ts → engine/core/internal.ts',
    'language-server-is-not-the-editor: language-server/server.ts → vscode',
    'no-circular: engine/cycle-a.ts → engine/cycle-b.ts',
    'no-unresolvable: engine/typo.ts → ./no-such-module',
    'protocol-is-self-contained: protocol/messages.ts → engine/index.ts',
    'webview-imports-only-protocol: webview/main.ts → engine/index.ts',
    'webview-imports-only-protocol: webview/main.ts → fs',
  ]);
});
