/**
 * Diagnostics (cross-file, refresh), hover, quick fixes and fix-all, outline, definition, links and
 * rename over stdio against the built server; every edit is applied and the result re-validated.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, DocumentLink, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, applyWorkspaceEdit, type Client, startServer, uri } from './lsp-client';
import { makeDemo, MANIFEST, positionAfter, TEMPLATE } from './demo-pack';

const demo = makeDemo();
let c: Client;
const doc = (file: string) => ({ textDocument: { uri: uri(file) } });

before(async () => {
  c = await startServer(demo.home, { env: { GGEN_BUNDLED_DIR: demo.bundled } });
  await c.open(demo.manifest);
});
after(() => c.stop());

test('a clean pack has no diagnostics; a syntax error has its exact position', async () => {
  assert.deepEqual(await c.diagnostics(demo.manifest), []);
  await c.change(demo.manifest, MANIFEST.replace('title = "Demo Pack"', 'title = "Demo Pack'));
  const [d] = await c.diagnostics(demo.manifest);
  assert.ok(d, 'expected a diagnostic on the manifest');
  assert.equal(d.code, 'packs/syntax');
  assert.equal(d.range.start.line, 3);
  await c.change(demo.manifest, MANIFEST);
  assert.deepEqual(await c.diagnostics(demo.manifest), []);
});

test('cross-file: an undeclared variable is reported on the template; the refresh follows a file change', async () => {
  await c.open(demo.template);
  assert.deepEqual(await c.diagnostics(demo.template), []);
  const refreshed = c.nextRefresh();
  writeFileSync(demo.template, TEMPLATE + 'Owner: {{owner_name}}\n');
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(demo.template), type: 2 }] });
  await refreshed;
  const [d] = await c.diagnostics(demo.template);
  assert.ok(d, 'expected a diagnostic on the template');
  assert.equal(d.code, 'packs/undeclared-variable');
  assert.deepEqual(d.range.start, { line: 3, character: 7 });
  // Declaring it in the manifest buffer clears the template (the manifest is the unsaved buffer).
  const declared = MANIFEST.replace(
    '[dependencies]',
    '[[variables]]\nname = "owner_name"\ndescription = "Owner of the project"\ntype = "string"\n\n[dependencies]',
  );
  await c.change(demo.manifest, declared);
  assert.deepEqual(await c.diagnostics(demo.template), []);
  // A didSave of the template also refreshes.
  writeFileSync(demo.template, TEMPLATE);
  const again = c.nextRefresh();
  await c.save(demo.template);
  await again;
  const unused = await c.diagnostics(demo.manifest);
  assert.deepEqual(
    unused.map((x) => x.code),
    ['packs/unused-variable'],
  );
  await c.change(demo.manifest, MANIFEST);
});

test('query syntax errors are reported inside the query file', async () => {
  const bad = 'PREFIX ex: <https://example.org/>\nSELECT ?name WHERE { ?s ex:name ?name \n';
  writeFileSync(demo.query, bad);
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(demo.query), type: 2 }] });
  await c.open(demo.query, bad);
  const [d] = await c.diagnostics(demo.query);
  assert.ok(d, 'expected a diagnostic on the query');
  assert.equal(d.code, 'packs/query-syntax');
  assert.ok(d.range.start.line >= 1);
  writeFileSync(demo.query, 'PREFIX ex: <https://example.org/>\nSELECT ?name WHERE { ?s ex:name ?name } ORDER BY ?name\n');
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(demo.query), type: 2 }] });
  assert.deepEqual(await c.diagnostics(demo.query), []);
});

test('hover: schema docs, a dependency with resolved version and maturity, a template variable', async () => {
  const key = await c.request<Hover>('textDocument/hover', { ...doc(demo.manifest), position: positionAfter(MANIFEST, 'category', 2) });
  assert.match(JSON.stringify(key.contents), /startup/);
  const dep = await c.request<Hover>('textDocument/hover', { ...doc(demo.manifest), position: positionAfter(MANIFEST, 'base-pack', 2) });
  const depText = JSON.stringify(dep.contents);
  assert.match(depText, /1\.2\.0/);
  assert.match(depText, /Maturity: \*\*\d+\/100\*\*/);
  const v = await c.request<Hover>('textDocument/hover', { ...doc(demo.template), position: positionAfter(TEMPLATE, '{{project', 4) });
  assert.match(JSON.stringify(v.contents), /Project name/);
});

test('quick fix: applying the fix of an issue makes the manifest validate clean', async () => {
  const broken = MANIFEST.replace('name = "demo-pack"', 'name = "Demo_Pack"');
  await c.change(demo.manifest, broken);
  const diags = await c.diagnostics(demo.manifest);
  const d = diags.find((x) => x.code === 'packs/name-not-kebab-case');
  assert.ok(d);
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    ...doc(demo.manifest),
    range: d.range,
    context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.kind === 'quickfix');
  assert.ok(fix?.edit);
  const edits = (fix.edit.documentChanges as unknown as { edits: never[] }[]).flatMap((x) => x.edits);
  const fixed = applyEdits(broken, edits);
  await c.change(demo.manifest, fixed);
  assert.deepEqual(await c.diagnostics(demo.manifest), []);
});

test('source.fixAll applies every safe fix, including one that creates a file', async () => {
  const broken = MANIFEST.replace('name = "demo-pack"', 'name = "Demo_Pack"');
  writeFileSync(demo.manifest, broken);
  unlinkSync(join(demo.dir, 'CHANGELOG.md'));
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(demo.dir, 'CHANGELOG.md')), type: 3 }] });
  await c.change(demo.manifest, broken);
  const codes = (await c.diagnostics(demo.manifest)).map((x) => x.code);
  assert.ok(codes.includes('packs/missing-changelog-entry') && codes.includes('packs/name-not-kebab-case'), codes.join());
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
    ...doc(demo.manifest),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  const edit = actions[0]?.edit;
  assert.ok(edit, 'the fixAll action carries an edit');
  const touched = applyWorkspaceEdit(edit);
  assert.ok(touched.some((f) => f.endsWith('CHANGELOG.md')));
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: touched.map((f) => ({ uri: uri(f), type: 1 })) });
  await c.change(demo.manifest, readFileSync(demo.manifest, 'utf8'));
  assert.deepEqual(await c.diagnostics(demo.manifest), []);
  writeFileSync(demo.manifest, MANIFEST);
  await c.change(demo.manifest, MANIFEST);
});

test('outline: metadata, templates by alias, queries, variables, dependencies', async () => {
  const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', doc(demo.manifest));
  const names = syms.map((s) => `${s.name}:${(s.children ?? []).map((x) => x.name).join(',')}`);
  assert.deepEqual(names, ['metadata:', 'templates:api', 'queries:services', 'variables:project_name', 'dependencies:base-pack', 'rdf:']);
  const tpl = syms[1]?.children?.[0];
  assert.ok(tpl, 'the templates symbol has a child');
  assert.equal(tpl.range.start.line, MANIFEST.split('\n').indexOf('[[templates]]'));
  assert.ok(tpl.range.end.line >= MANIFEST.split('\n').indexOf('path = "templates/api"'), 'the element spans its sub-tables');
});

test('definition: template path → file, variable use → declaration, dependency → its manifest', async () => {
  const p = await c.request<Location>('textDocument/definition', {
    ...doc(demo.manifest),
    position: positionAfter(MANIFEST, 'path = "templates', 12),
  });
  assert.ok(p.uri.endsWith('templates/api/main.txt.mustache'));
  const v = await c.request<Location>('textDocument/definition', {
    ...doc(demo.template),
    position: positionAfter(TEMPLATE, '{{project', 4),
  });
  assert.equal(v.uri, uri(demo.manifest));
  assert.equal(v.range.start.line, MANIFEST.split('\n').indexOf('name = "project_name"'));
  const q = await c.request<Location>('textDocument/definition', {
    ...doc(demo.template),
    position: positionAfter(TEMPLATE, '{{#queries.serv'),
  });
  assert.equal(q.range.start.line, MANIFEST.split('\n').indexOf('name = "services"'));
  const dep = await c.request<Location>('textDocument/definition', {
    ...doc(demo.manifest),
    position: positionAfter(MANIFEST, 'base-pack', 2),
  });
  assert.equal(dep.uri, uri(join(demo.bundled, 'base-1.2.0', 'pack.toml')));
});

test('document links for template, query and RDF paths', async () => {
  const links = await c.request<DocumentLink[]>('textDocument/documentLink', doc(demo.manifest));
  const targets = links.map((l) => l.target!.slice(uri(demo.dir).length + 1)).sort();
  assert.deepEqual(targets, ['graphs/domain.ttl', 'queries/services.rq']);
  const q = links.find((l) => l.target!.endsWith('services.rq'))!;
  const line = MANIFEST.split('\n')[q.range.start.line];
  assert.ok(line !== undefined, `link line ${q.range.start.line} is in the manifest`);
  assert.equal(line.slice(q.range.start.character, q.range.end.character), 'queries/services.rq');
});

test('rename a variable from a template: manifest and every template change, and the pack stays clean', async () => {
  const pos = positionAfter(TEMPLATE, '{{project', 4);
  const prep = await c.request<{ placeholder: string }>('textDocument/prepareRename', { ...doc(demo.template), position: pos });
  assert.equal(prep.placeholder, 'project_name');
  const bad = await c
    .request<WorkspaceEdit>('textDocument/rename', { ...doc(demo.template), position: pos, newName: 'Bad Name' })
    .catch((e: Error) => e);
  assert.ok(bad instanceof Error);
  const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...doc(demo.template), position: pos, newName: 'app_name' });
  const files = Object.keys(edit.changes!).sort();
  assert.deepEqual(files, [uri(demo.manifest), uri(demo.template)].sort());
  applyWorkspaceEdit(edit);
  assert.match(readFileSync(demo.manifest, 'utf8'), /name = "app_name"/);
  assert.equal(readFileSync(demo.template, 'utf8'), TEMPLATE.replace('project_name', 'app_name'));
  await c.change(demo.manifest, readFileSync(demo.manifest, 'utf8'));
  await c.change(demo.template, readFileSync(demo.template, 'utf8'));
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(demo.template), type: 2 }] });
  assert.deepEqual(await c.diagnostics(demo.manifest), []);
  assert.deepEqual(await c.diagnostics(demo.template), []);
});
