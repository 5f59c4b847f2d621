// ggen's design documents, verbatim (test/fixtures/design/, never edited): the two pack.toml examples
// validate with only the design's genuine mistakes reported, each with its exact message, and with
// those mistakes corrected they validate clean; the composition reference parses as the design means.
//
// Each manifest is validated in a copy of its folder completed with what the design's pack layout says
// a pack has but a manifest excerpt cannot carry: the query file, README.md, LICENSE and CHANGELOG.md.
// Validation runs with a registry store over the bundled catalog (examples/packs), so the design's
// dependencies (devops-pack ^2.0.0, monitoring-pack ^1.0.0) are checked for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadComposition } from '../../../engine/compose/composition-file';
import { lintManifest } from '../../../engine/lint';
import { loadManifest } from '../../../engine/manifest/load';
import { openStore } from '../../../engine/registry/store';
import { writeTree } from '../generate/fixture';

const ROOT = resolve(__dirname, '../../..');
const DESIGN = join(ROOT, 'test/fixtures/design');
const CATALOG = join(ROOT, 'examples/packs');

/** A copy of design/<name> completed with the files a manifest cannot carry; `edit` may change the copy's pack.toml. */
function completedCopy(name: string, edit?: (toml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), `design-${name}-`));
  cpSync(join(DESIGN, name), dir, { recursive: true });
  const manifest = readFileSync(join(dir, 'pack.toml'), 'utf8');
  assert.equal(manifest, readFileSync(join(DESIGN, name, 'pack.toml'), 'utf8'), 'the copy is verbatim');
  const version = /^version = "([^"]+)"/m.exec(manifest)![1]!;
  writeTree(
    {
      'queries/service-discovery.sparql':
        'PREFIX ex: <https://example.org/>\n\nSELECT ?service ?port WHERE {\n  ?service ex:port ?port .\n}\nORDER BY ?service\n',
      'README.md': `# ${name}\n\nThe pack of ggen's design document, used as a test fixture.\n`,
      LICENSE: 'MIT License\n\nCopyright (c) 2025 John Doe\n',
      'CHANGELOG.md': `# Changelog\n\n## ${version}\n\n- First release.\n`,
    },
    dir,
  );
  if (edit) writeFileSync(join(dir, 'pack.toml'), edit(manifest));
  return dir;
}

/** Every error of a full validation (all rules, registry rules over the bundled catalog), as "line:column code: message". */
function errors(dir: string): string[] {
  const store = openStore(mkdtempSync(join(tmpdir(), 'design-home-')), { bundledDir: CATALOG });
  return lintManifest(loadManifest(dir), dir, { store })
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.range?.start.line}:${i.range?.start.column} ${i.code}: ${i.message}`);
}

const EXCLUDES_BLOCK = '# EXCLUSIONS\nexcludes = [\n    "*.tmp",\n    ".git/",\n    "node_modules/",\n]\n';

test("quick-reference: the only errors are the design's two mistakes, with their exact messages", () => {
  assert.deepEqual(errors(completedCopy('quick-reference')), [
    '37:12 packs/undeclared-variable: `database_type` in template `backend` is not a declared variable; declare it in [[variables]]',
    '110:1 packs/unknown-key: `excludes` is a top-level key, but TOML reads it as part of [[examples]] because it comes after that table; move it above the first table',
  ]);
});

test('quick-reference with those two mistakes corrected validates without errors', () => {
  const dir = completedCopy('quick-reference', (toml) => {
    assert.ok(toml.endsWith(EXCLUDES_BLOCK), 'the excludes block ends the design manifest');
    const moved = EXCLUDES_BLOCK + '\n' + toml.slice(0, -EXCLUDES_BLOCK.length);
    return moved.replace(
      '# DEPENDENCIES\n',
      '[[variables]]\nname = "database_type"\ndescription = "Database engine"\ntype = "string"\ndefault = "postgres"\n\n# DEPENDENCIES\n',
    );
  });
  assert.deepEqual(errors(dir), []);
  const m = loadManifest(dir).manifest!;
  assert.deepEqual(m.excludes, ['*.tmp', '.git/', 'node_modules/'], 'excludes is now the top-level key');
  assert.equal(m.queries[0]?.priority, 10);
  assert.equal(m.examples[0]?.estimatedTime, '8s');
  assert.equal(m.metadata.minGgenVersion, '>=3.0.0');
  assert.equal(m.metadata.minEngineVersion, undefined);
  assert.deepEqual(
    m.hooks.map((h) => `${h.stage}:${h.name}:${h.type === 'builtin' ? h.function : [h.command, ...h.args].join(' ')}`),
    ['pre_generation:validate-env:format-code', 'post_generation:format-code:format-code', 'post_generation:install-deps:npm install'],
  );
});

test('data-structures: validates without errors as written (nothing of it is a mistake)', () => {
  const dir = completedCopy('data-structures');
  assert.deepEqual(errors(dir), []);
  const m = loadManifest(dir).manifest!;
  assert.deepEqual(
    m.templates.map(
      (t) => `${t.alias}:${t.priority}:${t.source.type === 'marketplace' ? `${t.source.packageId}@${t.source.version}` : ''}`,
    ),
    ['backend:1:io.ggen.rust.api@^2.1.0', 'frontend:2:io.ggen.react.app@^1.5.0'],
  );
  assert.deepEqual(
    m.dependencies.map((d) => `${d.name}@${d.version}`),
    ['devops-pack@^2.0.0', 'monitoring-pack@^1.0.0'],
  );
  const install = m.hooks.find((h) => h.name === 'install-deps');
  assert.deepEqual(install && install.type === 'command' && [install.command, install.args, install.hasArgs], ['npm install', [], false]);
});

test('composition.yaml (the quick reference) parses verbatim: order, enabled, global variables, rules with priority_pack', () => {
  const c = loadComposition(join(DESIGN, 'composition.yaml'));
  assert.equal(c.name, 'my-complete-app');
  assert.equal(c.description, 'Full-stack application with DevOps');
  assert.deepEqual(
    c.packs.map((p) => ({ name: p.name, version: p.version, order: p.order, enabled: p.enabled, variables: p.variables })),
    [
      { name: 'startup-pack', version: '^1.2.0', order: 1, enabled: true, variables: { project_name: 'MyApp', api_port: 8080 } },
      { name: 'devops-pack', version: '^2.0.0', order: 2, enabled: true, variables: { ci_platform: 'github-actions' } },
      { name: 'monitoring-pack', version: '^1.0.0', order: 3, enabled: true, variables: { metrics_backend: 'prometheus' } },
    ],
  );
  assert.deepEqual(c.globalVariables, { organization: 'mycompany', environment: 'production' });
  assert.equal(c.mode, 'merge');
  assert.deepEqual(c.rules, [
    { pattern: '*.md', action: 'merge' },
    { pattern: 'Dockerfile', action: 'overwrite', priorityPack: 'devops-pack' },
    { pattern: 'src/**/*.rs', action: 'ask' },
    { pattern: '.gitignore', action: 'merge' },
  ]);
});
