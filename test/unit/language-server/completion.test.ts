/** Completion over stdio: schema keys and values in context, registry names and versions, paths, template variables, query prefixes. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { applyEdits, type Client, startServer, uri } from './lsp-client';
import { makeDemo, MANIFEST, positionAfter, TEMPLATE } from './demo-pack';

const demo = makeDemo();
let c: Client;

before(async () => {
  c = await startServer(demo.home, { env: { GGEN_BUNDLED_DIR: demo.bundled }, debugInfo: true });
  await c.open(demo.manifest);
  await c.diagnostics(demo.manifest);
});
after(() => c.stop());

/** Put `text` in the manifest buffer and complete at the end of `needle`. */
async function completeIn(file: string, text: string, needle: string, at?: number): Promise<CompletionItem[]> {
  await c.change(file, text);
  return c.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: uri(file) },
    position: positionAfter(text, needle, at),
  });
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

test('keys of the [[templates]] element under the cursor, with schema docs, minus keys already written', async () => {
  const text = MANIFEST.replace('alias = "api"\n', 'alias = "api"\npri\n');
  const items = await completeIn(demo.manifest, text, 'pri\n', 3);
  const prio = items.find((i) => i.label === 'priority');
  assert.ok(prio, 'priority offered');
  assert.match(JSON.stringify(prio.documentation), /lower runs first|priority/i);
  assert.ok(!labels(items).includes('alias'), 'alias is already written');
  assert.ok(labels(items).includes('output_path'));
  const applied = applyEdits(text, [prio.textEdit as never]);
  assert.match(applied, /^priority = \$1$/m);
});

test('[templates.source] keys follow its `type` (inline → content, format, to)', async () => {
  const text = MANIFEST.replace('type = "local"\npath = "templates/api"', 'type = "inline"\nco');
  await c.change(demo.manifest, MANIFEST.replace('type = "local"\npath = "templates/api"', 'type = "inline"'));
  await c.diagnostics(demo.manifest); // as an editor does after every change
  const items = await completeIn(demo.manifest, text, 'type = "inline"\nco');
  assert.ok(labels(items).includes('content'));
  assert.ok(labels(items).includes('to'));
  assert.ok(!labels(items).includes('package_id'), 'marketplace keys are not offered for inline');
});

test('keys inside an inline table, and table headers', async () => {
  const text = MANIFEST.replace('source = { type = "file", path = "queries/services.rq" }', 'source = { type = "file", pa }');
  const items = await completeIn(demo.manifest, text, 'source = { type = "file", pa');
  assert.deepEqual(
    labels(items).filter((l) => l === 'path'),
    ['path'],
  );
  const headers = await completeIn(demo.manifest, MANIFEST + '\n[[tem\n', '[[tem');
  const t = headers.find((i) => i.label === 'templates');
  assert.ok(t && t.detail === '[[templates]]');
  assert.ok(labels(headers).includes('metadata.author'));
});

test('enum values: category, hook functions, output formats; SPDX licences', async () => {
  const cat = await completeIn(demo.manifest, MANIFEST.replace('category = "backend"', 'category = "'), 'category = "');
  assert.ok(['startup', 'devops', 'backend', 'custom'].every((v) => labels(cat).includes(v)));
  const lic = await completeIn(demo.manifest, MANIFEST.replace('license = "MIT"', 'license = "Apa'), 'license = "Apa');
  assert.ok(labels(lic).includes('Apache-2.0'));
  const hook = MANIFEST + '\n[hooks]\npost_generation = [\n  { name = "fmt", type = "builtin", function = "fo\n]\n';
  const fn = await completeIn(demo.manifest, hook, 'function = "fo');
  assert.ok(labels(fn).includes('format-code'));
  const fmt = MANIFEST.replace('description = "Every service"', 'description = "Every service"\noutput_format = ');
  const of = await completeIn(demo.manifest, fmt, 'output_format = ');
  const yaml = of.find((i) => i.label === 'yaml');
  assert.equal(yaml?.textEdit && 'newText' in yaml.textEdit ? yaml.textEdit.newText : null, '"yaml"', 'outside quotes the value is quoted');
});

test('dependency names from the registries and their versions as caret ranges', async () => {
  const names = await completeIn(demo.manifest, MANIFEST.replace('base-pack = "^1.0.0"', 'ba'), '[dependencies]\nba');
  const base = names.find((i) => i.label === 'base-pack');
  assert.ok(base, 'bundled pack offered');
  assert.equal(base.detail, '^1.2.0');
  const versions = await completeIn(demo.manifest, MANIFEST.replace('base-pack = "^1.0.0"', 'base-pack = "'), 'base-pack = "');
  assert.deepEqual(labels(versions), ['^1.2.0', '^1.0.0']);
});

test('template, query and RDF paths inside the pack', async () => {
  const tpl = await completeIn(demo.manifest, MANIFEST.replace('path = "templates/api"', 'path = "'), 'path = "');
  assert.ok(labels(tpl).includes('templates/api'));
  assert.ok(labels(tpl).includes('templates/api/main.txt.mustache'));
  const q = await completeIn(demo.manifest, MANIFEST.replace('path = "queries/services.rq"', 'path = "'), 'type = "file", path = "');
  assert.deepEqual(
    labels(q).filter((l) => l.includes('.')),
    ['queries/services.rq'],
  );
  const rdf = await completeIn(demo.manifest, MANIFEST.replace('files = ["graphs/domain.ttl"]', 'files = ["'), 'files = ["');
  assert.ok(labels(rdf).includes('graphs/domain.ttl'));
  await c.change(demo.manifest, MANIFEST);
});

test('pack.yaml: keys by indentation and enum values', async () => {
  const yamlFile = demo.manifest.replace('pack.toml', 'pack.yaml');
  const text = 'metadata:\n  name: demo\n  cat\n';
  await c.open(yamlFile, text);
  const keys = await c.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: uri(yamlFile) },
    position: positionAfter(text, '  cat'),
  });
  assert.ok(labels(keys).includes('category'));
  const t2 = 'metadata:\n  name: demo\nvariables:\n  - name: x\n    type: \n';
  await c.change(yamlFile, t2);
  const types = await c.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: uri(yamlFile) },
    position: positionAfter(t2, 'type: '),
  });
  assert.ok(['string', 'integer', 'enum'].every((v) => labels(types).includes(v)));
  await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(yamlFile) } });
});

test('variables, queries and lambdas inside Mustache tags; query names after foreach:', async () => {
  await c.open(demo.template);
  const t = TEMPLATE + '{{pro';
  const vars = await completeIn(demo.template, t, '{{pro');
  const pn = vars.find((i) => i.label === 'project_name');
  assert.ok(pn && pn.detail?.startsWith('string'));
  assert.ok(labels(vars).includes('pascal_case'));
  const qs = await completeIn(demo.template, TEMPLATE + '{{#queries.', '{{#queries.');
  assert.deepEqual(labels(qs), ['queries.services']);
  const fm = '---\nforeach: \n---\n' + TEMPLATE;
  const fe = await completeIn(demo.template, fm, 'foreach: ');
  assert.deepEqual(labels(fe), ['services']);
  await c.change(demo.template, TEMPLATE);
});

test('[rdf] prefixes in a query file insert their PREFIX line', async () => {
  const text = 'SELECT ?s WHERE { ?s e }\n';
  await c.open(demo.query, text);
  const items = await completeIn(demo.query, text, '?s e');
  const ex = items.find((i) => i.label === 'ex:');
  assert.ok(ex?.additionalTextEdits?.length === 1);
  const applied = applyEdits(text, [ex.textEdit as never, ...ex.additionalTextEdits]);
  assert.equal(applied, 'PREFIX ex: <https://example.org/>\nSELECT ?s WHERE { ?s ex: }\n');
  await c.change(demo.query, readFileSync(demo.query, 'utf8'));
  const declared = await completeIn(demo.query, readFileSync(demo.query, 'utf8') + 'e', 'ORDER BY ?name\ne');
  assert.equal(declared.find((i) => i.label === 'ex:')?.additionalTextEdits, undefined, 'an existing PREFIX is not inserted again');
});

test('completion and validation never load the SPARQL engine', async () => {
  await c.diagnostics(demo.manifest);
  await c.diagnostics(demo.query);
  const info = await c.request<{ sparqlLoaded: boolean; modules: string[] }>('packs/debugInfo', {});
  assert.equal(info.sparqlLoaded, false);
  assert.ok(
    info.modules.some((m) => m.endsWith('language-server.js')),
    'the module list is real',
  );
});
