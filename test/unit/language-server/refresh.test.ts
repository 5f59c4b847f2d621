/**
 * The full diagnostics of a just-opened manifest always arrive (issue: a code action computing the
 * full lint inside the debounce window used to swallow the refresh). Whoever computes the full lint
 * after a partial result was served, the server sends workspace/diagnostic/refresh and the next pull
 * has the file-reading rules' issues.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { type Client, startServer, uri } from './lsp-client';
import { makeDemo, MANIFEST, positionAfter } from './demo-pack';

// An unused variable: only the full lint (which reads the templates) can know.
const WITH_UNUSED = MANIFEST.replace(
  '[dependencies]',
  '[[variables]]\nname = "spare_flag"\ndescription = "Declared but used by no template"\ntype = "boolean"\n\n[dependencies]',
);
const clients: Client[] = [];
after(() => Promise.all(clients.map((c) => c.stop())));

async function openedWithPartial(args: string[] = []) {
  const demo = makeDemo();
  writeFileSync(demo.manifest, WITH_UNUSED);
  const c = await startServer(demo.home, { env: { GGEN_BUNDLED_DIR: demo.bundled }, args });
  clients.push(c);
  await c.open(demo.manifest);
  const first = await c.pull(demo.manifest);
  assert.match(first.resultId ?? '', /^partial-/, 'the first pull answers with the fast lint');
  assert.ok(!first.items.some((d) => d.code === 'packs/unused-variable'), 'the fast lint cannot see unused variables');
  return { c, demo };
}

/** What VS Code sends on its own after opening a file: a code-action request for the lightbulb. */
const lightbulb = (c: Client, file: string) =>
  c.request('textDocument/codeAction', {
    textDocument: { uri: uri(file) },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });

const codes = (items: { code?: string | number }[]) => items.map((d) => d.code);

// The debounced full pass is held back for ten minutes here, so the refresh can only come from the
// code action's own full lint: before the fix, it never came.
test('a code action inside the debounce window: the refresh still arrives and the next pull is complete', { timeout: 60_000 }, async () => {
  const { c, demo } = await openedWithPartial(['--full-lint-delay=600000']);
  const refreshed = c.nextRefresh();
  await lightbulb(c, demo.manifest);
  await refreshed;
  const next = await c.pull(demo.manifest);
  assert.match(next.resultId ?? '', /^full-/);
  assert.ok(codes(next.items).includes('packs/unused-variable'), JSON.stringify(codes(next.items)));

  // The same while typing: a new text gets a partial result, a code action computes the full one.
  await c.change(demo.manifest, WITH_UNUSED.replace('title = "Demo Pack"', 'title = "Demo Pack 2"'));
  assert.match((await c.pull(demo.manifest)).resultId ?? '', /^partial-/);
  const again = c.nextRefresh();
  await lightbulb(c, demo.manifest);
  await again;
  assert.ok(codes((await c.pull(demo.manifest)).items).includes('packs/unused-variable'));
});

for (const [name, method, position] of [
  ['hover', 'textDocument/hover', positionAfter(WITH_UNUSED, 'category', 2)],
  ['completion', 'textDocument/completion', positionAfter(WITH_UNUSED, 'category = "', 0)],
] as const) {
  test(`${name} inside the debounce window does not swallow the refresh`, { timeout: 60_000 }, async () => {
    const { c, demo } = await openedWithPartial();
    const refreshed = c.nextRefresh();
    await c.request(method, { textDocument: { uri: uri(demo.manifest) }, position });
    await refreshed;
    const next = await c.pull(demo.manifest);
    assert.match(next.resultId ?? '', /^full-/);
    assert.ok(codes(next.items).includes('packs/unused-variable'), JSON.stringify(codes(next.items)));
  });
}
