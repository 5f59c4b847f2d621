import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../engine/manifest/load';
import type { Manifest } from '../../../engine/manifest/model';
import { maturityLevel, scorePack } from '../../../engine/score';

function manifestOf(toml: string): Manifest {
  const loaded = parseManifestText(toml, 'toml', '/virtual/pack.toml');
  assert.equal(loaded.issues.length, 0, JSON.stringify(loaded.issues));
  return loaded.manifest!;
}

function dims(toml: string): Record<string, number> {
  const s = scorePack(manifestOf(toml));
  return Object.fromEntries(s.dimensions.map((d) => [d.name, d.score]));
}

const MINIMAL = `
[metadata]
name = "mini"
version = "0.1.0"
description = "Tiny"
category = "custom"
`;

const LONG =
  'A complete pack that generates an API, a frontend and the DevOps files around them, with queries over a domain model, typed variables and hooks.'.padEnd(
    210,
    '.',
  );

const FULL = `
[metadata]
name = "full-pack"
version = "1.0.0"
title = "Full Pack"
description = "${LONG}"
category = "startup"
tags = ["a", "b", "c"]
license = "MIT"
repository = "https://example.org/r"
homepage = "https://example.org"
[metadata.author]
name = "Ada"
email = "ada@example.org"

[[templates]]
alias = "one"
priority = 1
source = { type = "local", path = "templates/one" }
[templates.config]
overwrite = false
[[templates]]
alias = "two"
priority = 2
source = { type = "local", path = "templates/two" }
[templates.config]
merge = true
[[templates]]
alias = "three"
priority = 3
source = { type = "local", path = "templates/three" }
[templates.config]
skip_if_exists = true

[[queries]]
name = "a"
description = "A"
source = { type = "inline", query = "SELECT * WHERE { ?s ?p ?o }" }
[[queries]]
name = "b"
description = "B"
source = { type = "inline", query = "SELECT * WHERE { ?s ?p ?o }" }
[[queries]]
name = "c"
description = "C"
source = { type = "inline", query = "SELECT * WHERE { ?s ?p ?o }" }

[[variables]]
name = "project_name"
description = "Project name"
type = "string"
[variables.validation]
pattern = "^[a-z]+$"
[[variables]]
name = "db"
description = "Database"
type = "enum"
values = ["pg", "sqlite"]
default = "pg"

[dependencies]
x-pack = "^1.0.0"
y-pack = { version = "^2.0.0", optional = true }

[hooks]
post_generation = [
  { name = "fmt", type = "builtin", function = "format-code" },
  { name = "git", type = "builtin", function = "git-init" },
]
on_error = [{ name = "log", type = "command", command = "echo", timeout = 5 }]

[[examples]]
name = "e1"
expected_output = "x"
[[examples]]
name = "e2"
expected_output = "y"
[[examples]]
name = "e3"
expected_output = "z"
`;

test('minimal manifest: hand-computed dimensions and total', () => {
  assert.deepEqual(dims(MINIMAL), {
    metadata: 20, // name + description
    templates: 0, // none
    queries: 50, // none
    variables: 20, // none
    dependencies: 80, // 50 + the "≤ 5" bonus without dependencies
    documentation: 15, // short description, no examples, 15 for no variables
    examples: 30, // none
    hooks: 50,
  });
  const s = scorePack(manifestOf(MINIMAL));
  assert.equal(s.total, 33); // floor(265 * 100 / 800)
  assert.equal(s.level, 'Experimental');
});

test('full manifest scores 100 in every dimension with no advice', () => {
  const s = scorePack(manifestOf(FULL));
  for (const d of s.dimensions) {
    assert.equal(d.score, 100, d.name);
    assert.deepEqual(d.advice, [], d.name);
  }
  assert.equal(s.total, 100);
  assert.equal(s.level, 'Enterprise');
});

test('shares are exact fractions, floored once per dimension', () => {
  // 3 variables, 1 described, 2 validated: 50 + 25/3 + 50/3 = 75 exactly (float sums give 74.999…).
  const vars = `${MINIMAL}
[[variables]]
name = "a"
description = "A"
[[variables]]
name = "b"
[variables.validation]
min_length = 1
[[variables]]
name = "c"
type = "enum"
values = ["x"]
`;
  const d = dims(vars);
  assert.equal(d.variables, 75);
  // documentation: short description 0, no examples 0, 30 × 1/3 = 10.
  assert.equal(d.documentation, 10);
});

test('templates: counts, config share and priority share', () => {
  const t = `${MINIMAL}
[[templates]]
alias = "a"
source = { type = "local", path = "a" }
[templates.config]
overwrite = true
[[templates]]
alias = "b"
priority = 5
source = { type = "local", path = "b" }
[[templates]]
alias = "c"
priority = 6
source = { type = "local", path = "c" }
`;
  // 30 + 10 + 10 + 30·1/3 + 20·2/3 = 50 + 70/3 = 73.33 → 73
  const s = scorePack(manifestOf(t));
  const templates = s.dimensions.find((x) => x.name === 'templates')!;
  assert.equal(templates.score, 73);
  // Config on the other two: 50 + (90 + 40)/3 = 93.33 → 93, a gain of 20.
  assert.ok(
    templates.advice.some((a) => a.includes('[templates.config] table to 2 of 3') && a.endsWith('(+20)')),
    templates.advice.join('\n'),
  );
  // Priority on `a`: 50 + (30 + 60)/3 = 80, a gain of 7.
  assert.ok(
    templates.advice.some((a) => a.includes('priority') && a.endsWith('(+7)')),
    templates.advice.join('\n'),
  );
});

test('queries: 5 queries, 3 described → 88, advice to describe 2 of 5 (+12)', () => {
  const q = (n: string, described: boolean) =>
    `[[queries]]\nname = "${n}"\n${described ? `description = "${n}"\n` : ''}source = { type = "inline", query = "ASK {}" }\n`;
  const text = `${MINIMAL}\n${q('a', true)}${q('b', true)}${q('c', true)}${q('d', false)}${q('e', false)}`;
  const d = scorePack(manifestOf(text)).dimensions.find((x) => x.name === 'queries')!;
  assert.equal(d.score, 88);
  assert.deepEqual(d.advice, ['Describe 2 of 5 queries (`d`, `e`) (+12)']);
});

test('dependencies: 1-5 → 100, 6-10 → 85, more → 70', () => {
  const deps = (n: number) => `${MINIMAL}\n[dependencies]\n${Array.from({ length: n }, (_, i) => `d${i}-pack = "^1.0.0"`).join('\n')}\n`;
  assert.equal(dims(deps(1)).dependencies, 100);
  assert.equal(dims(deps(5)).dependencies, 100);
  assert.equal(dims(deps(6)).dependencies, 85);
  assert.equal(dims(deps(10)).dependencies, 85);
  assert.equal(dims(deps(11)).dependencies, 70);
});

test('documentation and examples: thresholds and expected_output share', () => {
  const desc = 'd'.repeat(120);
  const text = `
[metadata]
name = "doc-pack"
version = "1.0.0"
description = "${desc}"
category = "custom"
[[variables]]
name = "a"
description = "A"
[[variables]]
name = "b"
[[variables]]
name = "c"
[[variables]]
name = "e"
[[examples]]
name = "one"
expected_output = "files"
[[examples]]
name = "two"
`;
  const d = dims(text);
  // ≥50 and ≥100 → 20; two examples → 30; 30 × 1/4 = 7.5 → 57
  assert.equal(d.documentation, 57);
  // 50 + 15 + 20 × 1/2 = 75
  assert.equal(d.examples, 75);
  // metadata: name, description, description ≥ 100 → 30
  assert.equal(d.metadata, 30);
});

test('hooks: on_error alone does not count as a generation hook', () => {
  const onlyError = `${MINIMAL}\n[hooks]\non_error = [{ name = "a", type = "builtin", function = "git-init" }]\n`;
  assert.equal(dims(onlyError).hooks, 50);
  const one = `${MINIMAL}\n[hooks]\npre_template = [{ name = "a", type = "builtin", function = "git-init" }]\n`;
  const s = scorePack(manifestOf(one)).dimensions.find((x) => x.name === 'hooks')!;
  assert.equal(s.score, 80);
  assert.deepEqual(s.advice, ['Add 2 more hooks (3 or more in all) (+20)']);
});

test('advice names concrete actions with their gains, and is empty at 100', () => {
  const s = scorePack(manifestOf(MINIMAL));
  const meta = s.dimensions.find((d) => d.name === 'metadata')!;
  assert.ok(meta.advice.includes('Add `homepage` to [metadata] (+10)'));
  assert.ok(meta.advice.includes('Add `title` to [metadata] (+10)'));
  assert.ok(!meta.advice.some((a) => a.includes('`name`')));
  // Applying every metadata advice gives exactly 100: the gains sum to what is missing.
  const gains = meta.advice.map((a) => Number(/\(\+(\d+)\)$/.exec(a)![1]));
  assert.equal(
    gains.reduce((x, y) => x + y, 0),
    100 - meta.score,
  );
  const templates = s.dimensions.find((d) => d.name === 'templates')!;
  assert.deepEqual(templates.advice, ['Add a [[templates]] entry with a [templates.config] table and an explicit `priority` (+80)']);
  const vars = s.dimensions.find((d) => d.name === 'variables')!;
  assert.equal(vars.advice.length, 1);
  assert.match(vars.advice[0]!, /\(\+80\)$/);
});

test('levels: boundaries 39/40, 69/70, 89/90', () => {
  assert.equal(maturityLevel(0), 'Experimental');
  assert.equal(maturityLevel(39), 'Experimental');
  assert.equal(maturityLevel(40), 'Beta');
  assert.equal(maturityLevel(69), 'Beta');
  assert.equal(maturityLevel(70), 'Production');
  assert.equal(maturityLevel(89), 'Production');
  assert.equal(maturityLevel(90), 'Enterprise');
  assert.equal(maturityLevel(100), 'Enterprise');
});
