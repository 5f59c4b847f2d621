// The engine and the protocol stay pure: no VS Code or LSP imports (ARCHITECTURE.md "Layers").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

test('engine/ and protocol/ import neither vscode nor vscode-languageserver', () => {
  const offenders = [...sources(join(ROOT, 'engine')), ...sources(join(ROOT, 'protocol'))].filter((f) =>
    /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(['"]vscode/.test(readFileSync(f, 'utf8')),
  );
  assert.deepEqual(offenders, []);
});

test('protocol/ imports nothing but itself', () => {
  for (const f of sources(join(ROOT, 'protocol'))) {
    const imports = [...readFileSync(f, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    assert.deepEqual(
      imports.filter((i) => !i?.startsWith('./')),
      [],
      f,
    );
  }
});
