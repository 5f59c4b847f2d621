// The engine's flows as a service (engine/flows/): inputs in, data out; hook output and notes go to
// the context's sinks (nothing printed); trust decides hooks; a fired AbortSignal writes nothing; the
// preview classifies against the disk and settles conflict choices into the writes applyPlan would make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancelledError,
  GenerationError,
  NEVER_TRUST,
  generateProject,
  previewGeneration,
  settlePreview,
  type FlowContext,
} from '../../../engine';
import { BASELINE_STORE, parseBaselines } from '../../../engine/apply/baseline-store';
import { tempDir, writeTree } from '../generate/fixture';

const NODE = JSON.stringify(process.execPath);

function pack(hooks = '') {
  return writeTree({
    'pack.toml': `[metadata]\nname = "flowed"\nversion = "1.0.0"\ndescription = "A pack for the flow tests"\ncategory = "custom"\n\n[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n\n[[variables]]\nname = "who"\ntype = "string"\ndefault = "world"\n${hooks ? `\n[hooks]\n${hooks}\n` : ''}`,
    'tpl/README.md.mustache': 'hello {{who}}\n',
    'tpl/.gitignore': 'node_modules/\n',
  });
}

function context(extra: Partial<FlowContext> = {}): FlowContext & { lines: string[]; chunks: string[] } {
  const lines: string[] = [];
  const chunks: string[] = [];
  return {
    home: tempDir(),
    cwd: tempDir(),
    log: (m) => lines.push(m),
    hookOutput: (c) => chunks.push(c),
    trust: NEVER_TRUST,
    lines,
    chunks,
    ...extra,
  };
}

test('generateProject returns data; a trusted hook writes its output to the sink, not to stderr', async () => {
  const hook = `post_generation = [{ name = "say", type = "command", command = ${NODE}, args = ["-e", "console.log('from the hook')"], timeout = 30 }]`;
  const out = join(tempDir(), 'out');
  const asked: string[][] = [];
  const ctx = context({ trust: (cmds) => (asked.push(cmds.map((c) => c.hook.name)), Promise.resolve(true)) });
  const r = await generateProject(
    { pack: pack(hook), target: out, layers: [{ source: 'test', values: { who: 'flows' }, unknown: 'error' }] },
    ctx,
  );
  assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'hello flows\n');
  assert.deepEqual(asked, [['say']], 'trust is asked once with the exact hooks');
  assert.equal(r.hooks.runs[0]?.status, 'ok');
  assert.match(ctx.chunks.join(''), /\[say\] from the hook/);
  assert.deepEqual(r.applied.files.map((f) => f.path).sort(), ['.gitignore', 'README.md']);
});

test('an untrusted hook is skipped and reported through the log', async () => {
  const hook = `post_generation = [{ name = "mark", type = "command", command = ${NODE}, args = ["-e", "require('fs').writeFileSync('marked', '')"], timeout = 30 }]`;
  const out = join(tempDir(), 'out');
  const ctx = context();
  const r = await generateProject({ pack: pack(hook), target: out, layers: [] }, ctx);
  assert.equal(existsSync(join(out, 'marked')), false);
  assert.match(r.hooks.skipped[0] ?? '', /mark: not trusted/);
  assert.ok(ctx.lines.some((l) => /note: hook .*mark: not trusted/.test(l)));
});

test('a fired AbortSignal stops the run before anything is written', async () => {
  const out = join(tempDir(), 'out');
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    generateProject({ pack: pack(), target: out, layers: [] }, context({ signal: controller.signal })),
    (e: unknown) => e instanceof CancelledError && e instanceof GenerationError,
  );
  assert.equal(existsSync(out), false);
});

test('previewGeneration writes nothing and classifies every file against the disk', async () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'README.md'), 'mine\n');
  writeFileSync(join(out, '.gitignore'), 'node_modules/\n');
  const before = readdirSync(out).sort();
  const p = await previewGeneration({ pack: pack(), target: out, layers: [] }, context());
  assert.deepEqual(readdirSync(out).sort(), before, 'nothing written, no packs.lock, no .packs');
  const byPath = Object.fromEntries(p.files.map((f) => [f.path, f.action]));
  assert.deepEqual(byPath, { 'README.md': 'conflict', '.gitignore': 'unchanged' });
});

test('settlePreview: theirs, mine and merge become the writes, packs.lock and baselines included', async () => {
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'README.md'), 'mine\n');
  const p = await previewGeneration({ pack: pack(), target: out, layers: [] }, context());
  assert.deepEqual(settlePreview(p, {}).unresolved, ['README.md'], 'no choice, no fallback: unresolved');

  const theirs = settlePreview(p, { 'README.md': 'theirs' });
  const files = theirs.writes.filter((w) => w.kind === 'file').map((w) => [w.path, w.content.toString(), w.exists]);
  assert.deepEqual(files.sort(), [
    ['.gitignore', 'node_modules/\n', false],
    ['README.md', 'hello world\n', true],
  ]);
  const lock = theirs.writes.find((w) => w.path === 'packs.lock');
  assert.ok(lock && /README\.md/.test(lock.content.toString()), 'packs.lock records README.md');
  const store = theirs.writes.filter((w) => w.path.startsWith('.packs/baseline'));
  assert.deepEqual(
    store.map((w) => [w.path, w.kind]),
    [[BASELINE_STORE, 'bookkeeping']],
    'one store file',
  );
  assert.equal(parseBaselines(store[0]!.content.toString('utf8')).entries.size, 2, 'one baseline per distinct content');

  const mine = settlePreview(p, {}, 'mine');
  assert.deepEqual(
    mine.writes.filter((w) => w.kind === 'file').map((w) => w.path),
    ['.gitignore'],
  );
  assert.doesNotMatch(mine.writes.find((w) => w.path === 'packs.lock')!.content.toString(), /README\.md/, 'a kept file is not recorded');

  writeFileSync(join(out, '.gitignore'), 'dist/\n');
  const again = await previewGeneration({ pack: pack(), target: out, layers: [] }, context());
  const merged = settlePreview(again, { 'README.md': 'mine', '.gitignore': 'merge' });
  assert.equal(
    merged.writes.find((w) => w.path === '.gitignore')?.content.toString(),
    'dist/\nnode_modules/\n',
    'ignore files merge as a line union',
  );
});
