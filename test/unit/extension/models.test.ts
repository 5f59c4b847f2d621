// The extension's pure models, tested without VS Code: the preview's conflict choices and report,
// and the hook policy (an untrusted workspace never runs hooks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEVER_TRUST, previewGeneration, settlePreview } from '../../../engine';
import { PreviewModel, defaultChoice } from '../../../extension/apply/preview-model';
import { hookDecision } from '../../../extension/hook-policy';
import { tempDir, writeTree } from '../generate/fixture';

test('hook policy: untrusted workspaces and "never" refuse before anyone is asked', () => {
  assert.equal(hookDecision(false, 'ask'), 'untrusted-workspace');
  assert.equal(hookDecision(false, 'never'), 'untrusted-workspace');
  assert.equal(hookDecision(true, 'never'), 'disabled');
  assert.equal(hookDecision(true, 'ask'), 'ask');
});

test('conflict modes give the default choice; ask and fail give none', () => {
  assert.equal(defaultChoice('overwrite'), 'theirs');
  assert.equal(defaultChoice('skip'), 'mine');
  assert.equal(defaultChoice('merge'), 'merge');
  assert.equal(defaultChoice('ask'), undefined);
  assert.equal(defaultChoice('fail'), undefined);
});

test('the preview model: a choice overrides the mode; the report lists written, skipped and conflicting files', async () => {
  const pack = writeTree({
    'pack.toml':
      '[metadata]\nname = "m"\nversion = "1.0.0"\ndescription = "model test pack"\ncategory = "custom"\n\n[[templates]]\nalias = "t"\nsource = { type = "local", path = "tpl" }\n',
    'tpl/a.txt': 'new a\n',
    'tpl/b.txt': 'same\n',
    'tpl/c.txt': 'new c\n',
  });
  const out = join(tempDir(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'a.txt'), 'old a\n');
  writeFileSync(join(out, 'b.txt'), 'same\n');
  const preview = await previewGeneration(
    { pack, target: out, layers: [] },
    { home: tempDir(), cwd: out, log: () => {}, trust: NEVER_TRUST },
  );
  const model = new PreviewModel(preview, 'ask', settlePreview);
  assert.equal(model.summary(), '1 new, 1 conflict, 1 unchanged');
  assert.deepEqual(model.settle().unresolved, ['a.txt']);
  model.choose('a.txt', 'mine');
  const kept = model.settle();
  assert.deepEqual(kept.unresolved, []);
  assert.deepEqual(model.report(kept.writes), {
    written: [join(out, 'c.txt')],
    skipped: [join(out, 'a.txt'), join(out, 'b.txt')],
    conflicts: [join(out, 'a.txt')],
  });
  model.choose('a.txt', 'theirs');
  assert.deepEqual(model.report(model.settle().writes).written.sort(), [join(out, 'a.txt'), join(out, 'c.txt')]);
  assert.equal(new PreviewModel(preview, 'overwrite', settlePreview).choiceOf('a.txt'), 'theirs');
});
