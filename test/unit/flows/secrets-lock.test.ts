// A secret variable's value never reaches packs.lock, whichever way a run writes it: generate, the
// editor's preview (settlePreview's packs.lock write, what the variables form leads to) and compose.
// The value is rendered into a file on purpose: what the user asked for, but not a thing to lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NEVER_TRUST,
  composeProject,
  generateProject,
  installPack,
  openStore,
  previewGeneration,
  settlePreview,
  type FlowContext,
} from '../../../engine';
import { tempDir, writeTree } from '../generate/fixture';

const SECRET = 'hunter2-do-not-lock';

function pack(name: string, extraVar = '') {
  return writeTree({
    'pack.toml':
      `[metadata]\nname = "${name}"\nversion = "1.0.0"\ndescription = "A pack with a secret"\ncategory = "custom"\n\n` +
      `[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n\n` +
      `[[variables]]\nname = "token"\ntype = "string"\nsecret = true\nrequired = true\n\n` +
      `[[variables]]\nname = "app"\ntype = "string"\ndefault = "demo"\n${extraVar}`,
    [`tpl/${name}.env.mustache`]: 'TOKEN={{token}}\nAPP={{app}}\n',
  });
}

const ctx = (home = tempDir()): FlowContext => ({ home, cwd: tempDir(), log: () => {}, hookOutput: () => {}, trust: NEVER_TRUST });
const layers = [{ source: 'variables form', values: { token: SECRET, app: 'shop' }, unknown: 'error' as const }];

function assertLockClean(lock: string) {
  assert.doesNotMatch(lock, new RegExp(SECRET), 'the secret value is not in packs.lock');
  assert.doesNotMatch(lock, /\btoken\b/, 'nor its name');
  assert.match(lock, /app = "shop"/, 'the other variables are locked');
}

test('generate: packs.lock has the variables but not the secret', async () => {
  const out = join(tempDir(), 'out');
  await generateProject({ pack: pack('secretive'), target: out, layers }, ctx());
  assert.match(readFileSync(join(out, 'secretive.env'), 'utf8'), new RegExp(`TOKEN=${SECRET}`));
  assertLockClean(readFileSync(join(out, 'packs.lock'), 'utf8'));
});

test("the editor's preview: the packs.lock it writes has no secret", async () => {
  const out = join(tempDir(), 'out');
  const p = await previewGeneration({ pack: pack('secretive'), target: out, layers }, ctx());
  const lock = settlePreview(p, {}).writes.find((w) => w.path === 'packs.lock');
  assert.ok(lock, 'the preview writes packs.lock');
  assertLockClean(lock.content.toString());
});

test('compose: a secret shared by two packs is locked by neither', async () => {
  const out = join(tempDir(), 'out');
  const home = tempDir();
  const store = openStore(home, { bundledDir: null });
  for (const name of ['first', 'second']) await installPack(store, pack(name), undefined);
  await composeProject(
    {
      composition: {
        name: 'two',
        packs: ['first', 'second'].map((name, order) => ({ name, version: '*', variables: {}, order, enabled: true })),
        globalVariables: {},
        mode: 'fail',
        rules: [],
        data: [],
      },
      baseDir: tempDir(),
      target: out,
      layers,
    },
    ctx(home),
  );
  assert.match(readFileSync(join(out, 'second.env'), 'utf8'), new RegExp(`TOKEN=${SECRET}`));
  assertLockClean(readFileSync(join(out, 'packs.lock'), 'utf8'));
});
