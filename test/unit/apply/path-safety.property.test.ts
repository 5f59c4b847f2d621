import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import fc from 'fast-check';
import { PermissionError } from '../../../engine/errors';
import { resolveOutputPath, safeJoin } from '../../../engine/apply/path-safety';
import { tempDir } from '../generate/fixture';

const segment = fc.oneof(
  fc.constantFrom('..', '.', '', 'a', 'b', '...', '..a', 'a..', '~', 'C:', 'c:\\x', '\\..', '..\\', '/', '\\', ' ', '%2e%2e', '\0'),
  fc.string({ minLength: 0, maxLength: 6 }),
);
const relPath = fc.array(segment, { minLength: 0, maxLength: 8 }).chain((segs) => fc.constantFrom('/', '\\').map((s) => segs.join(s)));

test('no relative path resolves outside the root: it is inside or a PermissionError', () => {
  const root = resolve(tempDir(), 'out');
  fc.assert(
    fc.property(relPath, (rel) => {
      let abs: string;
      try {
        abs = safeJoin(root, rel);
      } catch (e) {
        assert.ok(e instanceof PermissionError, `non-permission error for ${JSON.stringify(rel)}: ${String(e)}`);
        return;
      }
      const r = relative(root, abs);
      assert.ok(abs.startsWith(root + sep), `${JSON.stringify(rel)} → ${abs}`);
      assert.ok(r !== '' && r.split(sep)[0] !== '..' && !isAbsolute(r), `${JSON.stringify(rel)} → ${abs}`);
    }),
    { numRuns: 5000 },
  );
});

test('through a symlink leaving the root: rejected; inside the root: allowed', () => {
  const base = tempDir();
  const root = join(base, 'out');
  mkdirSync(join(root, 'inner'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  symlinkSync(join(base, 'elsewhere'), join(root, 'link'));
  symlinkSync(join(root, 'inner'), join(root, 'ok-link'));
  assert.throws(() => resolveOutputPath(root, 'link/x.txt'), PermissionError);
  assert.equal(resolveOutputPath(root, 'ok-link/x.txt'), join(root, 'ok-link', 'x.txt'));
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'link', 'ok-link', 'inner'), { minLength: 1, maxLength: 4 }), (segs) => {
      const rel = segs.join('/');
      try {
        resolveOutputPath(root, rel);
        assert.notEqual(segs[0], 'link', `${rel} passes through the escaping link`);
      } catch (e) {
        assert.ok(e instanceof PermissionError);
        assert.equal(segs[0], 'link');
      }
    }),
  );
});
