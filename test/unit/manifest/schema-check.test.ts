import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifestText } from '../../../engine/manifest/load';
import { schemaCheck } from '../../../engine/manifest/schema-check';

const check = (text: string, format: 'toml' | 'yaml' = 'toml') => schemaCheck(parseManifestText(text, format, '/p/pack.' + format));
const META = '[metadata]\nname = "x"\nversion = "1.0.0"\ndescription = "a description long enough"\ncategory = "backend"\n';

test('a valid manifest has no schema issues; min_ggen_version and dev-ops are accepted', () => {
  assert.deepEqual(check(META + 'min_ggen_version = ">=0.1.0"\n'), []);
  assert.deepEqual(check(META.replace('backend', 'dev-ops')), []);
});

test('unknown categories are not schema errors (lint warns)', () => {
  assert.deepEqual(check(META.replace('backend', 'gardening')), []);
});

test('unknown key: did you mean, with a safe rename fix on the key', () => {
  const [i] = check(META + 'licnse = "MIT"\n');
  assert.ok(i, 'expected a schema issue');
  assert.equal(i.code, 'packs/unknown-key');
  assert.match(i.message, /did you mean `license`/);
  assert.deepEqual(i.range, { start: { line: 6, column: 1 }, end: { line: 6, column: 7 } });
  assert.equal(i.fix?.safe, true);
  assert.deepEqual(i.fix?.edits, [{ range: i.range, newText: 'license' }]);
});

test('unknown key with no close match lists the allowed keys and offers no fix', () => {
  const [i] = check(META + '[metadata.author]\nzzzzzz = 1\n');
  assert.ok(i, 'expected a schema issue');
  assert.match(i.message, /allowed keys: name, email, url/);
  assert.equal(i.fix, undefined);
});

test('all missing required fields are reported at once, at the table header', () => {
  const issues = check('[metadata]\nname = "x"\n');
  assert.deepEqual(
    issues.map((i) => i.message),
    [
      'Missing required field `version` in [metadata]',
      'Missing required field `description` in [metadata]',
      'Missing required field `category` in [metadata]',
    ],
  );
  assert.ok(issues.every((i) => i.range?.start.line === 1 && i.code === 'packs/missing-field'));
});

test('invalid types and enum values, per source type', () => {
  const issues = check(
    META +
      '[[templates]]\npriority = "1"\nsource = { type = "remote", url = "https://x", checksum = "md5:1" }\n[[variables]]\nname = "v"\ntype = "strng"\n',
  );
  const byCode = issues.map((i) => `${i.code} ${i.range?.start.line}`);
  assert.deepEqual(byCode.sort(), ['packs/invalid-type 7', 'packs/invalid-value 8', 'packs/invalid-value 11'].sort());
  const enumIssue = issues.find((i) => i.range?.start.line === 11)!;
  assert.match(enumIssue.message, /did you mean `string`/);
  assert.equal(enumIssue.fix?.edits[0]?.newText, '"string"');
});

test('discriminated sources: keys of another source type are unknown', () => {
  const [i] = check(META + '[[templates]]\nsource = { type = "inline", content = "x", to = "a.txt", path = "t" }\n');
  assert.ok(i, 'expected a schema issue');
  assert.equal(i.code, 'packs/unknown-key');
  assert.match(i.message, /`path` in \[templates\[0\]\.source\]/);
});

test('YAML manifests get the same issues with YAML ranges', () => {
  const [i] = check(
    'metadata:\n  name: x\n  version: 1.0.0\n  description: a description long enough\n  category: backend\n  titel: X\n',
    'yaml',
  );
  assert.ok(i, 'expected a schema issue');
  assert.equal(i.code, 'packs/unknown-key');
  assert.deepEqual(i.range?.start, { line: 6, column: 3 });
});

test('the committed standalone validator is generated from the current schema', async () => {
  const gen = (await import(resolve(__dirname, '../../../scripts/gen-schema-validator.mjs'))) as {
    generateValidatorSource(): string;
    OUT: string;
  };
  assert.equal(readFileSync(gen.OUT, 'utf8'), gen.generateValidatorSource(), 'run `node scripts/gen-schema-validator.mjs`');
});

test('every schema property has a description (hover and completion use them)', () => {
  const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../schemas/pack.schema.json'), 'utf8'));
  const missing: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.properties)
      for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
        if (typeof v.description !== 'string' && !v.$ref) missing.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
    for (const key of ['items', 'additionalProperties', 'then', 'definitions'])
      if (o[key] && typeof o[key] === 'object') walk(o[key], `${path}/${key}`);
    for (const key of ['allOf', 'anyOf'])
      if (Array.isArray(o[key])) (o[key] as unknown[]).forEach((x, i) => walk(x, `${path}/${key}/${i}`));
    if (o.definitions) for (const [k, v] of Object.entries(o.definitions)) walk(v, `#${k}`);
  };
  walk(schema, '');
  assert.deepEqual(missing, []);
});
