import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../engine/manifest/load';
import { locate, locateExact } from '../../../engine/manifest/locate';

const toml = `excludes = ["*.tmp"]

[metadata]
name = "x"
author.name = "Ada"

[[templates]]
alias = "a"

[[templates]]
alias = "b"
source = { type = "local", path = "t/b" }

[[templates]]
alias = "c"

[templates.source]
path = "t/c"

[[templates.conditions]]
variable = "v"
`;

const at = (r: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
  `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

test('TOML: array tables, sub-tables, inline tables, dotted keys', () => {
  const l = parseManifestText(toml, 'toml', '/p/pack.toml');
  assert.equal(at(locate(l, ['templates', 2, 'source', 'path'])), '18:8-18:13');
  assert.equal(at(locate(l, ['templates', 2, 'source', 'path'], 'key')), '18:1-18:5');
  assert.equal(at(locate(l, ['templates', 1, 'source', 'path'])), '12:35-12:40');
  assert.equal(at(locate(l, ['templates', 1, 'alias'])), '11:9-11:12');
  assert.equal(at(locate(l, ['templates', 2], 'key')), '14:1-14:14'); // the [[templates]] header
  assert.equal(at(locate(l, ['templates', 2, 'conditions', 0, 'variable'])), '21:12-21:15');
  assert.equal(at(locate(l, ['metadata', 'author', 'name'])), '5:15-5:20');
  assert.equal(at(locate(l, ['metadata', 'author'], 'key')), '5:1-5:7');
  assert.equal(at(locate(l, ['excludes', 0])), '1:13-1:20');
});

test('TOML: a missing path falls back to the nearest written parent (its key)', () => {
  const l = parseManifestText(toml, 'toml', '/p/pack.toml');
  assert.equal(at(locate(l, ['templates', 0, 'source', 'path'])), '7:1-7:14');
  assert.equal(at(locate(l, ['metadata', 'version'])), '3:2-3:10');
  assert.equal(at(locate(l, ['variables', 0, 'name'])), '1:1-1:21'); // nothing written: line 1
  assert.equal(locateExact(l, ['metadata', 'version']), null);
});

test('YAML: maps, sequences and key ranges', () => {
  const yaml = 'metadata:\n  name: x\ntemplates:\n  - alias: a\n    source:\n      path: t/a\n  - alias: b\n';
  const l = parseManifestText(yaml, 'yaml', '/p/pack.yaml');
  assert.equal(at(locate(l, ['templates', 0, 'source', 'path'])), '6:13-6:16');
  assert.equal(at(locate(l, ['templates', 0, 'source', 'path'], 'key')), '6:7-6:11');
  assert.equal(at(locate(l, ['metadata', 'name'])), '2:9-2:10');
  assert.equal(at(locate(l, ['templates', 1, 'source'])), '7:5-7:13'); // falls back to the element's first line
});

test('locations are cached per loaded manifest', () => {
  const l = parseManifestText(toml, 'toml', '/p/pack.toml');
  const a = locate(l, ['templates', 1, 'alias']);
  assert.deepEqual(locate(l, ['templates', 1, 'alias']), a);
});
