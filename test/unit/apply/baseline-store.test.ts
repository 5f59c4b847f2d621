// The baseline store `.packs/baselines.jsonl`: one LF-only UTF-8 file holding every baseline, one
// sorted line each. Round trips of every kind of content, garbled lines lose only themselves, the
// reader falls back to the legacy `.packs/baseline/<sha>` files, a generation makes exactly two
// bookkeeping files, regenerate still 3-way merges, and a legacy project migrates on its next write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASELINE_DIR,
  BASELINE_STORE,
  baselineStoreWrite,
  openBaselines,
  parseBaselines,
  serializeBaselines,
} from '../../../engine/apply/baseline-store';
import { readLock, sha256, type LockData } from '../../../engine/apply/lockfile';
import { applyPlan, planGeneration } from '../../../engine/generate';
import { regenerate } from '../../../engine/regenerate';
import { openStore } from '../../../engine/registry/store';
import { isBinary } from '../../../engine/render/binary';
import { header, loadPack, localTemplate, tempDir, variable, writeTree } from '../generate/fixture';

const SAMPLES: Record<string, Buffer> = {
  text: Buffer.from('hello {{world}}\n  "quoted" \\ back\tslash\n'),
  crlf: Buffer.from('line one\r\nline two\r\n'),
  separators: Buffer.from('a\u2028b\u2029c\n'),
  invalidUtf8: Buffer.from([0x61, 0xff, 0xfe, 0x62, 0xc3]),
  empty: Buffer.alloc(0),
  binaryNul: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x80]),
  utf8Nul: Buffer.from('nul\u0000inside é ✓ 😀\n'),
};
const entriesOf = (bufs: Buffer[]) => new Map(bufs.map((b) => [sha256(b), b]));

test('serialize/parse round-trips text, CRLF, U+2028/2029, invalid UTF-8, empty and binary content', () => {
  const entries = entriesOf(Object.values(SAMPLES));
  const text = serializeBaselines(entries);
  const parsed = parseBaselines(text);
  assert.equal(parsed.header, true);
  assert.deepEqual(parsed.badLines, []);
  assert.equal(parsed.entries.size, entries.size);
  for (const [name, buf] of Object.entries(SAMPLES)) assert.ok(parsed.entries.get(sha256(buf))?.equals(buf), `${name} round-trips`);

  const lines = text.split('\n');
  assert.equal(lines[0], '{"ggen_baselines":1}');
  assert.equal(lines.at(-1), '', 'ends with a newline');
  assert.ok(!text.includes('\r') && !text.includes('\u2028') && !text.includes('\u2029'), 'LF is the only line break');
  assert.ok(!isBinary(Buffer.from(text, 'utf8')), 'valid UTF-8 without NUL: an editor can replace it as text');
  assert.match(text, /\\u2028/);
  const body = lines.slice(1, -1);
  const line = (buf: Buffer) => body.find((l) => l.includes(sha256(buf)))!;
  assert.match(line(SAMPLES.crlf!), /"text":"line one\\r\\nline two\\r\\n"/);
  assert.match(line(SAMPLES.invalidUtf8!), /"base64":/);
  assert.match(line(SAMPLES.binaryNul!), /"base64":/);
  assert.match(line(SAMPLES.empty!), /"text":""/);
});

test('serialize is sorted by sha256, one line per baseline, and does not depend on insertion order', () => {
  const bufs = Object.values(SAMPLES);
  const a = serializeBaselines(entriesOf(bufs));
  const b = serializeBaselines(entriesOf([...bufs].reverse()));
  assert.equal(a, b);
  const shas = a
    .split('\n')
    .slice(1, -1)
    .map((l) => (JSON.parse(l) as { sha256: string }).sha256);
  assert.deepEqual(shas, [...new Set(bufs.map((x) => sha256(x)))].sort());
  assert.equal(serializeBaselines(new Map()), '{"ggen_baselines":1}\n');
});

/** A project folder whose store file has `text`. */
function storeProject(text: string): string {
  const root = tempDir();
  mkdirSync(join(root, '.packs'));
  writeFileSync(join(root, BASELINE_STORE), text);
  return root;
}

test('git conflict markers in the store lose only the entry they garble', () => {
  const [a, b, c] = [Buffer.from('alpha\n'), Buffer.from('beta\n'), Buffer.from('gamma\n')];
  const lines = serializeBaselines(entriesOf([a, b, c])).split('\n');
  const gi = lines.findIndex((l) => l.includes(sha256(b)));
  const other = Buffer.from('beta, their side\n');
  const otherLine = serializeBaselines(entriesOf([other])).split('\n')[1]!;
  // A merge gone wrong: a conflict block whose first side is cut in the middle of b's line.
  const garbled = [
    ...lines.slice(0, gi),
    '<<<<<<< HEAD',
    lines[gi]!.slice(0, 40),
    '=======',
    otherLine,
    '>>>>>>> feature',
    ...lines.slice(gi + 1),
  ].join('\n');
  const parsed = parseBaselines(garbled);
  assert.deepEqual([...parsed.entries.keys()].sort(), [sha256(a), sha256(c), sha256(other)].sort());
  assert.equal(parsed.badLines.length, 4, 'the three marker lines and the cut line');

  const reader = openBaselines(storeProject(garbled));
  assert.ok(reader.get(sha256(a))?.equals(a));
  assert.ok(reader.get(sha256(c))?.equals(c));
  assert.ok(reader.get(sha256(other))?.equals(other), 'the intact side of the conflict is still readable');
  assert.equal(reader.get(sha256(b)), null, 'only the garbled entry is lost');
});

test('a line whose content does not match its sha256 reads as missing', () => {
  const [a, b] = [Buffer.from('alpha\n'), Buffer.from('beta\n')];
  const text = serializeBaselines(entriesOf([a, b]));
  const tampered = text.replace('"text":"alpha\\n"', '"text":"alpha, edited\\n"');
  assert.notEqual(tampered, text);
  const reader = openBaselines(storeProject(tampered));
  assert.equal(reader.get(sha256(a)), null);
  assert.ok(reader.get(sha256(b))?.equals(b));
  assert.equal(parseBaselines(tampered).entries.size, 1);
  // The sha of one entry on the line of another: wrong as well.
  const swapped = text.replace(sha256(a), sha256(Buffer.from('something else')));
  assert.equal(parseBaselines(swapped).entries.size, 1);
});

test('a store without the header, or of another version, counts as empty', () => {
  const a = Buffer.from('alpha\n');
  const text = serializeBaselines(entriesOf([a]));
  for (const bad of [text.split('\n').slice(1).join('\n'), text.replace('"ggen_baselines":1', '"ggen_baselines":2'), '']) {
    assert.equal(openBaselines(storeProject(bad)).get(sha256(a)), null);
    assert.equal(parseBaselines(bad).entries.size, 0);
  }
  assert.equal(parseBaselines(text.split('\n').slice(1).join('\n')).header, false);
});

test('the reader reads the store once, lazily, and falls back to verified legacy files', () => {
  const [a, b, legacyOnly] = [Buffer.from('alpha\n'), Buffer.from('beta\n'), Buffer.from('old layout\n')];
  const root = tempDir();
  const reader = openBaselines(root); // before the store exists: nothing read yet
  mkdirSync(join(root, BASELINE_DIR), { recursive: true });
  writeFileSync(join(root, BASELINE_STORE), serializeBaselines(entriesOf([a, b])));
  writeFileSync(join(root, BASELINE_DIR, sha256(legacyOnly)), legacyOnly);
  writeFileSync(join(root, BASELINE_DIR, sha256(Buffer.from('claimed'))), 'not what the name says');
  assert.ok(reader.get(sha256(a))?.equals(a), 'read on first use');
  rmSync(join(root, BASELINE_STORE));
  assert.ok(reader.get(sha256(b))?.equals(b), 'the store is read once, not per entry');
  assert.ok(reader.get(sha256(legacyOnly))?.equals(legacyOnly), 'legacy fallback');
  assert.equal(reader.get(sha256(Buffer.from('claimed'))), null, 'a legacy file is verified too');
  writeFileSync(join(root, '.packs', 'x'), 'x');
  assert.equal(reader.get('../x'), null, 'only a 64-hex sha is looked up');
  assert.equal(reader.get('ABC'), null);
});

test('the store write keeps exactly the locked baselines: fresh first, then the project, then other sources', () => {
  const [fresh, kept, fromSource, dropped, nowhere] = ['fresh', 'kept', 'source', 'dropped', 'nowhere'].map((s) => Buffer.from(`${s}\n`));
  const root = storeProject(serializeBaselines(entriesOf([kept!, dropped!])));
  const source = storeProject(serializeBaselines(entriesOf([fromSource!])));
  const lock: LockData = {
    lock_version: 1,
    packs: [],
    variables: {},
    files: [fresh, kept, fromSource, nowhere, fresh].map((b, i) => ({ path: `f${i}`, pack: 'p', template: 't', sha256: sha256(b!) })),
  };
  const w = baselineStoreWrite(root, lock, 'root-pack', [{ content: fresh! }, { content: dropped! }], {
    also: [openBaselines(source)],
  });
  assert.deepEqual(
    { path: w.path, mode: w.mode, pack: w.pack, template: w.template, internal: w.internal },
    { path: BASELINE_STORE, mode: 0o644, pack: 'root-pack', template: '(baselines)', internal: true },
  );
  const got = parseBaselines(w.content.toString('utf8')).entries;
  assert.deepEqual([...got.keys()], [fresh, kept, fromSource].map((b) => sha256(b!)).sort());
});

// --- With real generations -------------------------------------------------------------------

const FILES = 100;
const LINES = (tag: string, i: number) => Array.from({ length: 8 }, (_, l) => `line ${l + 1} of ${i} ${l === 7 ? tag : 'v1'}`).join('\n');

/** A pack of `FILES` files whose last line carries `tag`; `name` names the pack and its file folder. */
function writeBigPack(dir: string, name: string, tag = 'v1'): string {
  const files: Record<string, string> = {
    'pack.toml': header(name) + localTemplate('main', 't') + variable('name', 'default = "app"'),
  };
  for (let i = 0; i < FILES; i++) files[`t/${name}/f${String(i).padStart(3, '0')}.txt.mustache`] = `{{name}}\n${LINES(tag, i)}\n`;
  return writeTree(files, dir);
}

async function generate(packDir: string, out: string): Promise<void> {
  const plan = await planGeneration({ packs: [loadPack(packDir)], layers: [], output: out });
  await applyPlan(plan, { output: out });
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const r = rel ? `${rel}/${n}` : n;
      if (statSync(join(d, n)).isDirectory()) walk(join(d, n), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out;
}
const snapshot = (dir: string) => tree(dir).map((f) => `${f}:${readFileSync(join(dir, f)).toString('base64')}`);

/** The store of `out` holds exactly one valid entry per sha its lock references. */
function assertStoreMatchesLock(out: string): void {
  const store = parseBaselines(readFileSync(join(out, BASELINE_STORE), 'utf8'));
  assert.equal(store.header, true);
  assert.deepEqual(store.badLines, []);
  assert.deepEqual([...store.entries.keys()], [...new Set(readLock(out)!.files.map((f) => f.sha256))].sort());
}

const regen = (out: string, home: string, extra: { dryRun?: boolean; withContents?: boolean } = {}) =>
  regenerate({ dir: out, store: openStore(home, { bundledDir: null }), layers: [], ...extra });

test('a 100-file generation makes two bookkeeping files; a second pack keeps the first; regenerate still merges', async () => {
  const base = tempDir();
  const out = join(base, 'out');
  const first = writeBigPack(join(base, 'first'), 'first');
  await generate(first, out);
  const generated = tree(out).filter((f) => f.startsWith('first/'));
  assert.equal(generated.length, FILES);
  assert.deepEqual(
    tree(out).filter((f) => !f.startsWith('first/')),
    [BASELINE_STORE, 'packs.lock'],
    'exactly two bookkeeping files, no .packs/baseline/',
  );
  assert.ok(!existsSync(join(out, BASELINE_DIR)));
  assertStoreMatchesLock(out);

  await generate(writeBigPack(join(base, 'second'), 'second'), out);
  assertStoreMatchesLock(out);
  const baselines = openBaselines(out);
  for (const f of readLock(out)!.files) assert.ok(baselines.get(f.sha256)?.equals(readFileSync(join(out, f.path))), f.path);
  assert.equal(readLock(out)!.files.filter((f) => f.pack === 'first').length, FILES, "the first pack's entries stay");

  // A hand edit on line 2, a template change on line 8 (of every file): both survive.
  const edited = join(out, 'first/f007.txt');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('line 2 of 7 v1', 'line 2 of 7 MINE'));
  writeBigPack(first, 'first', 'v2');
  const r = await regen(out, join(base, 'home'));
  assert.equal(r.files.find((f) => f.path === 'first/f007.txt')?.action, 'merge');
  const merged = readFileSync(edited, 'utf8');
  assert.match(merged, /line 2 of 7 MINE/);
  assert.match(merged, /line 8 of 7 v2/);
  assert.match(readFileSync(join(out, 'first/f008.txt'), 'utf8'), /line 8 of 8 v2/);
  assertStoreMatchesLock(out);
});

test('a legacy project (.packs/baseline/<sha>) merges against its old baselines and migrates to the store', async () => {
  const base = tempDir();
  const out = join(base, 'out');
  const pack = writeBigPack(join(base, 'pack'), 'p');
  await generate(pack, out);
  // The old layout: one file per baseline, no store.
  const entries = parseBaselines(readFileSync(join(out, BASELINE_STORE), 'utf8')).entries;
  assert.equal(entries.size, FILES);
  mkdirSync(join(out, BASELINE_DIR));
  for (const [sha, content] of entries) writeFileSync(join(out, BASELINE_DIR, sha), content);
  rmSync(join(out, BASELINE_STORE));

  const edited = join(out, 'p/f003.txt');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('line 2 of 3 v1', 'line 2 of 3 MINE'));
  writeBigPack(pack, 'p', 'v2');
  const home = join(base, 'home');

  const before = snapshot(out);
  const dry = await regen(out, home, { dryRun: true });
  assert.equal(dry.files.find((f) => f.path === 'p/f003.txt')?.action, 'merge', 'the dry run sees the legacy baselines');
  const preview = await regen(out, home, { dryRun: true, withContents: true });
  assert.equal(
    preview.files.find((f) => f.path === 'p/f003.txt')?.contents?.base?.toString(),
    entries.get(readLock(out)!.files.find((f) => f.path === 'p/f003.txt')!.sha256)?.toString(),
  );
  assert.deepEqual(snapshot(out), before, 'a dry run on a legacy project changes nothing on disk');

  const r = await regen(out, home);
  assert.deepEqual(r.conflicts, []);
  assert.equal(r.files.find((f) => f.path === 'p/f003.txt')?.action, 'merge');
  assert.equal(r.files.filter((f) => f.action === 'update').length, FILES - 1, 'unedited files are recognised by their legacy baseline');
  const merged = readFileSync(edited, 'utf8');
  assert.match(merged, /line 2 of 3 MINE/);
  assert.match(merged, /line 8 of 3 v2/);
  assertStoreMatchesLock(out);
  assert.ok(!existsSync(join(out, BASELINE_DIR)), 'the legacy folder is gone');
});
