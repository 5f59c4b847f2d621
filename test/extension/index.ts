/**
 * Integration tests inside a real VS Code (code-server's Node extension host), run by
 * scripts/vscode/run.sh as `extensionTestsPath`. Every wait is on an event or a promise with a hang
 * guard, never a sleep. Prints `extension tests: N passed, M failed` and rejects on any failure.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PacksApi } from '../../extension/main';

type Report = { written: string[]; skipped: string[]; conflicts: string[] };

const tests: { name: string; fn: () => Promise<void> }[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

const ws = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
let api: PacksApi;

/** Resolve when `check` is true, re-checking on `event`; rejects after `ms` (a hang guard, not a timing assertion). */
function until<T>(event: vscode.Event<T>, check: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const probe = async () => {
      try {
        if (await check()) finish();
      } catch (e) {
        finish(e as Error);
      }
    };
    const sub = event(() => void probe());
    const timer = setTimeout(() => finish(new Error(`hang guard: still waiting for ${what}`)), ms);
    void probe();
  });
}

/** Every file under `dir` with its bytes (a snapshot to compare before/after). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

test('activates on the workspace and its language server comes up (ready)', async () => {
  const ext = vscode.extensions.getExtension<PacksApi>('ggen.ggen-packs');
  assert.ok(ext, 'the extension is installed');
  api = await ext.activate();
  await api.ready;
  assert.equal(ext.isActive, true);
});

test('manifest consistency: every contributed command, view, menu and setting is implemented, every command contributed', async () => {
  const ext = vscode.extensions.getExtension('ggen.ggen-packs')!;
  const pkg = ext.packageJSON as {
    contributes: {
      commands: { command: string }[];
      views: Record<string, { id: string }[]>;
      menus: Record<string, { command: string }[]>;
      configuration: { properties: Record<string, unknown> };
    };
    activationEvents: string[];
  };
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  const viewIds = Object.values(pkg.contributes.views)
    .flat()
    .map((v) => v.id);
  const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('packs.'));
  // VS Code adds `<view>.focus`, `<view>.resetViewLocation`… for every contributed view; those are not ours.
  const ours = registered.filter((c) => !viewIds.some((v) => c.startsWith(`${v}.`)) && !c.startsWith('packs.score.'));
  for (const c of contributed) assert.ok(registered.includes(c), `contributed command ${c} is registered`);
  for (const c of ours) assert.ok(contributed.has(c), `registered command ${c} is contributed`);
  for (const [menu, items] of Object.entries(pkg.contributes.menus))
    for (const i of items) assert.ok(contributed.has(i.command), `menu ${menu} item ${i.command} is a contributed command`);
  const bundle = readFileSync(join(ext.extensionPath, 'dist', 'extension.js'), 'utf8');
  for (const v of viewIds) assert.ok(bundle.includes(`"${v}"`) || bundle.includes(`packs.\${`), `view ${v} has a provider`);
  for (const key of Object.keys(pkg.contributes.configuration.properties)) {
    const suffix = key.replace(/^packs\./, '');
    // packs.trace.server is read by vscode-languageclient itself (client id "packs").
    if (key === 'packs.trace.server') assert.ok(bundle.includes('"packs"'), 'the language client id is packs');
    else assert.ok(bundle.includes(`"${suffix}"`), `setting ${key} is read`);
  }
  assert.ok(!pkg.activationEvents.includes('*'), 'never activates on *');
});

test('diagnostics appear on a broken pack.toml and a quick fix clears one', async () => {
  const uri = vscode.Uri.file(join(ws(), 'broken-pack', 'pack.toml'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const unused = () =>
    vscode.languages
      .getDiagnostics(uri)
      .filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'packs/unused-variable');
  await until(vscode.languages.onDidChangeDiagnostics, () => unused().length === 1, 'the unused-variable warning');
  const d = unused()[0]!;
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(d.message, /never_used/);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const fix = actions.find((a) => /Remove variable `never_used`/.test(a.title));
  assert.ok(fix?.edit, `a quick fix removes the variable (got: ${actions.map((a) => a.title).join(' | ')})`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await until(vscode.languages.onDidChangeDiagnostics, () => unused().length === 0, 'the warning to clear');
  assert.doesNotMatch(doc.getText(), /never_used/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('search, score and validate answer as an API', async () => {
  const hits = await vscode.commands.executeCommand<{ name: string; score: number }[]>('packs.search', { query: 'startup microservice' });
  assert.equal(hits[0]?.name, 'startup-pack', 'the best hit for "startup microservice"');
  const score = await vscode.commands.executeCommand<{ total: number; level: string; dimensions: { name: string }[] }>('packs.score', {
    pack: 'startup-pack',
  });
  assert.equal(score.dimensions.length, 8);
  assert.ok(score.total > 0 && score.total <= 100);
  assert.match(score.level, /^(Experimental|Beta|Production|Enterprise)$/);
  const broken = await vscode.commands.executeCommand<{ warnings: number; issues: { code: string }[] }>('packs.validate', {
    pack: join(ws(), 'broken-pack'),
  });
  assert.ok(broken.issues.some((i) => i.code === 'packs/unused-variable'));
});

test('generate a catalog pack into the workspace through the command API', async () => {
  const target = join(ws(), 'gen-api');
  const r = await vscode.commands.executeCommand<Report>('packs.generate', {
    pack: 'ts-http-service',
    target,
    variables: { project_name: 'task-api' },
  });
  assert.ok(r.written.length >= 5, `files written (${r.written.length})`);
  for (const f of r.written) assert.ok(f.startsWith(target + '/') && existsSync(f), `${f} is on disk inside the target`);
  assert.ok(existsSync(join(target, 'packs.lock')), 'packs.lock recorded');
  assert.match(readFileSync(join(target, 'package.json'), 'utf8'), /"name": "task-api"/);
  assert.deepEqual(r.conflicts, []);
});

test("a second generate with conflicts: 'fail' changes nothing and rejects", async () => {
  const target = join(ws(), 'gen-api');
  writeFileSync(join(target, 'package.json'), '{ "name": "edited by hand" }\n');
  const before = snapshot(target);
  await assert.rejects(
    Promise.resolve(
      vscode.commands.executeCommand('packs.generate', {
        pack: 'ts-http-service',
        target,
        variables: { project_name: 'task-api' },
        conflicts: 'fail',
      }),
    ),
    /package\.json/,
  );
  assert.deepEqual(snapshot(target), before, 'not one byte changed');
});

test('bad input rejects and writes nothing', async () => {
  const target = join(ws(), 'gen-bad');
  await assert.rejects(
    Promise.resolve(
      vscode.commands.executeCommand('packs.generate', { pack: 'ts-http-service', target, variables: { api_port: 'not-a-number' } }),
    ),
  );
  assert.equal(existsSync(target), false);
});

test('compose startup + devops + monitoring (+ my-pack) with conflicts settled by the rules', async () => {
  const installed = await vscode.commands.executeCommand<{ installed: string[] }>('packs.install', { pack: join(ws(), 'my-pack') });
  assert.deepEqual(installed.installed, ['my-pack@0.1.0']);
  const target = join(ws(), 'stack');
  const r = await vscode.commands.executeCommand<Report>('packs.compose', {
    compositionFile: join(ws(), 'stack.composition.yaml'),
    target,
  });
  for (const f of ['Dockerfile', 'monitoring/prometheus/prometheus.yml', 'src/server.js', 'README.md', '.gitignore'])
    assert.ok(r.written.includes(join(target, f)), `${f} written`);
  assert.doesNotMatch(
    readFileSync(join(target, 'README.md'), 'utf8'),
    /^# shop\n\nGenerated by my-pack/,
    "startup-pack's README wins by rule",
  );
  const gitignore = readFileSync(join(target, '.gitignore'), 'utf8');
  assert.match(gitignore, /node_modules\//);
  assert.match(gitignore, /\.env/, "my-pack's lines merged in");
});

test('the preview shows the plan with nothing written, and Apply writes it', async () => {
  const target = join(ws(), 'previewed');
  const shown = new Promise<string>((resolve) => api.preview.onDidShow(resolve));
  const pending = vscode.commands.executeCommand<Report>('packs.generate', { pack: join(ws(), 'my-pack'), target, preview: true });
  assert.match(await shown, /generate my-pack/);
  assert.equal(existsSync(target), false, 'nothing written while previewing');
  await vscode.commands.executeCommand('packs.preview.openDiff', { path: 'README.md' });
  await until(
    vscode.window.onDidChangeVisibleTextEditors as vscode.Event<unknown>,
    () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'packs-plan'),
    'the diff',
  );
  assert.equal(existsSync(target), false);
  await vscode.commands.executeCommand('packs.preview.apply');
  const r = await pending;
  assert.ok(r.written.includes(join(target, 'README.md')));
  assert.ok(existsSync(join(target, 'README.md')));
});

test("regenerate keeps a hand edit and takes the pack's change (3-way merge), as one edit", async () => {
  const pack = join(ws(), 'regen-pack');
  mkdirSync(join(pack, 'templates'), { recursive: true });
  const manifest = readFileSync(join(ws(), 'my-pack', 'pack.toml'), 'utf8').replace('name = "my-pack"', 'name = "regen-pack"');
  writeFileSync(join(pack, 'pack.toml'), manifest);
  writeFileSync(join(pack, 'templates', 'NOTES.md.mustache'), 'title\n\nline a\nline b\nline c\n\nfooter\n');
  const target = join(ws(), 'regen-target');
  await vscode.commands.executeCommand('packs.generate', { pack, target });
  // The hand edit as a user makes it: in an editor, saved.
  const notes = await vscode.workspace.openTextDocument(join(target, 'NOTES.md'));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(notes.uri, new vscode.Position(0, 5), ' (edited by hand)');
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await notes.save());
  writeFileSync(join(pack, 'templates', 'NOTES.md.mustache'), 'title\n\nline a\nline b\nline c\n\nfooter v2\n');
  const r = await vscode.commands.executeCommand<{ files: { path: string; action: string }[]; written: string[]; conflicts: string[] }>(
    'packs.regenerate',
    { dir: target },
  );
  assert.deepEqual(
    r.files.find((f) => f.path === 'NOTES.md'),
    { path: 'NOTES.md', action: 'merge' },
  );
  assert.deepEqual(r.conflicts, []);
  assert.equal(readFileSync(join(target, 'NOTES.md'), 'utf8'), 'title (edited by hand)\n\nline a\nline b\nline c\n\nfooter v2\n');
});

test('a true regenerate conflict opens in the 3-way merge editor (base = baseline, yours = disk, theirs = new render)', async () => {
  const pack = join(ws(), 'regen-pack'); // made by the test above
  const target = join(ws(), 'regen-target');
  const notes = await vscode.workspace.openTextDocument(join(target, 'NOTES.md'));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(notes.uri, notes.lineAt(2).range, 'line a (mine)');
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await notes.save());
  writeFileSync(join(pack, 'templates', 'NOTES.md.mustache'), 'title\n\nline a (theirs)\nline b\nline c\n\nfooter v2\n');
  // The merge editor's tab input (TabInputTextMerge is not in @types/vscode 1.95; its shape is stable API).
  type MergeInput = { base: vscode.Uri; input1: vscode.Uri; input2: vscode.Uri; result: vscode.Uri };
  const isMerge = (i: unknown): i is MergeInput => typeof i === 'object' && i !== null && 'base' in i && 'input1' in i && 'result' in i;
  const opened = new Promise<MergeInput>((resolve) => {
    const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
      const merge = e.opened.map((t) => t.input).find(isMerge);
      if (merge) {
        sub.dispose();
        resolve(merge);
      }
    });
  });
  const r = await vscode.commands.executeCommand<{ conflicts: string[] }>('packs.regenerate', { dir: target });
  assert.deepEqual(r.conflicts, [join(target, 'NOTES.md')]);
  const merge = await Promise.race([
    opened,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hang guard: no merge editor opened')), 60_000)),
  ]);
  assert.equal(merge.result.fsPath, join(target, 'NOTES.md'));
  const base = await vscode.workspace.openTextDocument(merge.base);
  const yours = await vscode.workspace.openTextDocument(merge.input1);
  const theirs = await vscode.workspace.openTextDocument(merge.input2);
  assert.match(base.getText(), /^line a$/m, 'base is the stored baseline');
  assert.match(yours.getText(), /line a \(mine\)/);
  assert.match(theirs.getText(), /line a \(theirs\)/);
  // The merge editor stays open (closing its unsaved result would ask, and tests cannot answer dialogs).
});

test('the explorer lists a pack installed from a terminal', async () => {
  assert.ok(!(await api.explorer.names('installed')).includes('devops-pack'));
  const cli = join(vscode.extensions.getExtension('ggen.ggen-packs')!.extensionPath, 'dist', 'cli.js');
  const refreshed = until(
    api.explorer.onDidRefresh,
    async () => (await api.explorer.names('installed')).includes('devops-pack'),
    'the explorer to show devops-pack',
  );
  execFileSync(process.execPath, [cli, 'install', 'devops-pack'], { env: process.env, stdio: 'pipe' });
  await refreshed;
});

test('hooks run in a trusted workspace only when allowed, and never with packs.hooks.allow = never', async () => {
  const pack = join(ws(), 'hook-pack');
  const denied = join(ws(), 'hooks-denied');
  await vscode.commands.executeCommand<Report>('packs.generate', { pack, target: denied });
  assert.ok(existsSync(join(denied, 'hello.txt')));
  assert.equal(existsSync(join(denied, 'hook-ran.txt')), false, 'an API call without allowHooks runs no hook');

  const allowed = join(ws(), 'hooks-allowed');
  await vscode.commands.executeCommand<Report>('packs.generate', { pack, target: allowed, allowHooks: true });
  assert.equal(readFileSync(join(allowed, 'hook-ran.txt'), 'utf8'), 'yes', 'the trusted hook ran in the target');

  const cfg = vscode.workspace.getConfiguration('packs');
  await cfg.update('hooks.allow', 'never', vscode.ConfigurationTarget.Workspace);
  try {
    const never = join(ws(), 'hooks-never');
    await vscode.commands.executeCommand<Report>('packs.generate', { pack, target: never, allowHooks: true });
    assert.ok(existsSync(join(never, 'hello.txt')));
    assert.equal(existsSync(join(never, 'hook-ran.txt')), false, 'packs.hooks.allow = never wins over allowHooks');
  } finally {
    await cfg.update('hooks.allow', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`ok - ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${t.name}\n  ${(err instanceof Error ? (err.stack ?? err.message) : String(err)).split('\n').join('\n  ')}`);
    }
  }
  console.log(`extension tests: ${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} extension test(s) failed`);
}

test('packs.openScore opens the quality-score panel of a catalog pack (API), and rejects an unknown pack', async () => {
  const scoreTab = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('packs.scorePanel'));
  const shown = await vscode.commands.executeCommand<{ dir: string; name: string; total: number | null; level: string | null }>(
    'packs.openScore',
    { pack: 'startup-pack' },
  );
  assert.equal(shown.name, 'startup-pack');
  const score = await vscode.commands.executeCommand<{ total: number; level: string }>('packs.score', { pack: 'startup-pack' });
  assert.deepEqual([shown.total, shown.level], [score.total, score.level], 'the panel shows what packs.score answers');
  await until(vscode.window.tabGroups.onDidChangeTabs, () => scoreTab() !== undefined, 'the score panel tab');
  assert.equal(scoreTab()!.label, 'Score: startup-pack');
  await assert.rejects(Promise.resolve(vscode.commands.executeCommand('packs.openScore', { pack: 'no-such-pack-anywhere' })));
  await vscode.window.tabGroups.close(scoreTab()!);
});

test('packs.openSearch opens the search panel, whose webview boots and answers through the typed messages', async () => {
  const painted = new Promise<string>((resolve) => {
    const sub = api.panels.onDidPaint((e) => {
      if (e.panel !== 'search') return;
      sub.dispose();
      resolve(e.panel);
    });
  });
  await vscode.commands.executeCommand('packs.openSearch');
  // The webview sends `painted` only after its first `search` request was answered and drawn.
  assert.equal(
    await Promise.race([painted, new Promise((_, reject) => setTimeout(() => reject(new Error('hang guard: no paint')), 60_000))]),
    'search',
  );
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('packs.searchPanel'));
  assert.equal(tab?.label, 'Pack Search');
  await vscode.window.tabGroups.close(tab);
});

test('regenerate with changed variables re-renders with the new value over the recorded ones', async () => {
  const target = join(ws(), 'gen-vars');
  await vscode.commands.executeCommand('packs.generate', {
    pack: join(ws(), 'my-pack'),
    target,
    variables: { project_name: 'first-name' },
  });
  assert.match(readFileSync(join(target, 'README.md'), 'utf8'), /^# first-name$/m);
  const r = await vscode.commands.executeCommand<{ written: string[]; applied: boolean }>('packs.regenerateWithVariables', {
    dir: target,
    variables: { project_name: 'second-name' },
  });
  assert.equal(r.applied, true);
  assert.match(readFileSync(join(target, 'README.md'), 'utf8'), /^# second-name$/m);
  assert.match(readFileSync(join(target, 'packs.lock'), 'utf8'), /project_name = "second-name"/);
  // A value the validator refuses rejects, with nothing written.
  const before = readFileSync(join(target, 'README.md'), 'utf8');
  await assert.rejects(
    Promise.resolve(
      vscode.commands.executeCommand('packs.regenerateWithVariables', { dir: target, variables: { project_name: 'Bad Name' } }),
    ),
  );
  assert.equal(readFileSync(join(target, 'README.md'), 'utf8'), before);
});

test('publish to a real registry with the token from the secret storage, list it in the Registries view, install it from there', async () => {
  const registry = process.env.PACKS_TEST_REGISTRY;
  const token = process.env.PACKS_TEST_REGISTRY_TOKEN;
  assert.ok(registry && token, 'scripts/vscode/run.sh starts a Verdaccio for this run and lists it in config.toml');
  // A catalog pack under a name of its own (the catalog's name would resolve to the bundled copy).
  const catalog = join(vscode.extensions.getExtension('ggen.ggen-packs')!.extensionPath, 'examples', 'packs', 'ts-http-service');
  const dir = join(mkdtempSync(join(tmpdir(), 'packs-publish-')), 'team-http-service');
  cpSync(catalog, dir, { recursive: true });
  const toml = join(dir, 'pack.toml');
  writeFileSync(toml, readFileSync(toml, 'utf8').replace(/^name = "ts-http-service"/m, 'name = "team-http-service"'));
  type Published = { ready: boolean; published: boolean; registry: string | null; checks: { name: string; status: string }[] };
  const dry = await vscode.commands.executeCommand<Published>('packs.publish', { pack: dir });
  assert.equal(dry.ready, true, JSON.stringify(dry.checks));
  assert.equal(dry.published, false, 'dryRun defaults to true');
  assert.equal(dry.registry, registry);
  // Without a token the registry refuses the upload; with the one kept in the secret storage it takes it.
  await assert.rejects(Promise.resolve(vscode.commands.executeCommand('packs.publish', { pack: dir, dryRun: false })), /refused/);
  await vscode.commands.executeCommand('packs.setRegistryToken', { registry, token });
  const done = await vscode.commands.executeCommand<Published>('packs.publish', { pack: dir, dryRun: false });
  assert.equal(done.published, true);
  const again = await vscode.commands.executeCommand<Published>('packs.publish', { pack: dir, dryRun: false });
  assert.equal(again.published, false, 'a published version is refused before any upload');
  assert.ok(
    again.checks.some((c) => c.status === 'fail'),
    JSON.stringify(again.checks),
  );
  // The Registries view lists it; installing it from there puts it in the local registry.
  await until(
    api.explorer.onDidRefresh,
    async () => (await api.explorer.names('remote')).includes('team-http-service'),
    'the pack in the Registries view',
  );
  const installed = await vscode.commands.executeCommand<{ installed: string[] }>('packs.install', { pack: 'team-http-service' });
  assert.deepEqual(installed.installed, ['team-http-service@1.0.0']);
  await until(
    api.explorer.onDidRefresh,
    async () => (await api.explorer.names('installed')).includes('team-http-service'),
    'the pack in Installed',
  );
  await vscode.commands.executeCommand('packs.setRegistryToken', { registry, token: null });
});
