// UI test of the INSTALLED .vsix in the real VS Code workbench (code-server), driven by headless chromium
// through playwright-core. scripts/vscode/run.sh packages the extension, installs it into a fresh
// code-server (started without the smoke-test driver, which would hide notification toasts) and runs:
//
//   node test/extension/ui.test.cjs --url http://127.0.0.1:PORT --folder /abs/workspace --shots /abs/test-artifacts
//
// Every step is one async function in STEPS, run in order on the same page; each counts as passed or
// failed. A failing step saves failure-<step>.png and the steps after it count as failed (not run), since
// each builds on the state the previous one left. Steps wait on selectors and events, never on fixed sleeps.
// To extend: write `async function myStep(ctx) {...}` and add it to STEPS, or to a panel's test/extension/ui/<panel>-steps.cjs
// (helpers in ui/common.cjs); ctx.shot('name') saves name.png. `--only a,b` runs the workbench step and just those.
// The last line printed is `ui tests: N passed, M failed`; exit 0 when nothing failed.
'use strict';
const { openPage } = require('../../scripts/vscode/browser.cjs');
const { colorTheme, pick, runPaletteCommand, shows, waitFor, webviewFrame } = require('./ui/common.cjs');
const fs = require('node:fs');
const path = require('node:path');

function arg(name, def) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : def;
}
const base = arg('url', 'http://127.0.0.1:8080').replace(/\/$/, '');
const folder = arg('folder');
const shots = path.resolve(arg('shots', 'test-artifacts'));
const overallS = Number(arg('timeout', '240')); // hang guard for the whole run
if (!folder) {
  console.error('usage: ui.test.cjs --url URL --folder /abs/workspace [--shots DIR] [--timeout S]');
  process.exit(2);
}

const GENERATE_TITLE = 'Packs: Generate from Pack…';
const VIEWS = ['Workspace Packs', 'Installed', 'Available'];
const WORKSPACE_PACK = 'my-pack'; // test/extension/workspace/my-pack

// ---- steps --------------------------------------------------------------------------------------------

/** The workbench is up, connected to the server, with the workspace folder open in the Explorer. */
async function workbench(ctx) {
  const { page } = ctx;
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
  await shows(page.locator('.monaco-workbench'), 'the workbench', 60000);
  await shows(page.locator('.part.sidebar .pane-header', { hasText: path.basename(folder) }).first(), 'the folder in the Explorer', 60000);
  await ctx.shot('workbench');
}

/** The "Packs" activity-bar item opens the Packs container with its three tree views. */
async function explorer(ctx) {
  const { page } = ctx;
  const item = page.locator('.part.activitybar a.action-label[aria-label^="Packs"]');
  await shows(item, 'the "Packs" activity-bar item', 60000); // once the extension's contributions are registered
  await item.click();
  await page.mouse.move(900, 600); // off the item: no hover tooltip over the views in the picture
  const sidebar = page.locator('.part.sidebar');
  await shows(sidebar.locator('.composite.title', { hasText: /packs/i }).first(), 'the Packs side bar');
  for (const name of VIEWS) {
    await shows(
      sidebar.locator('.pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) }),
      `view "${name}"`,
    );
  }
  // Once the extension is active and has scanned: the sample workspace's pack in Workspace Packs, the
  // bundled catalog in Available (until then the views show their welcome text).
  const view = (name) => sidebar.locator('.pane', { has: page.locator('h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) });
  await shows(
    view('Workspace Packs').locator('.monaco-list-row', { hasText: WORKSPACE_PACK }).first(),
    `"${WORKSPACE_PACK}" in Workspace Packs`,
    60000,
  );
  await shows(view('Available').locator('.monaco-list-row').first(), 'a pack in Available', 60000);
  // The item's tooltip can appear after the mouse left it (hover delay).
  // (It also shows while the item has the keyboard focus: clicking the empty editor area moves the focus.)
  await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
  await page.locator('.workbench-hover-container, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
  await ctx.shot('explorer');
}

const previewView = (page) => page.locator('.part.sidebar .pane', { has: page.locator('h3.title', { hasText: /^Preview$/i }) });

/**
 * "Packs: Generate from Pack…" → my-pack → the variables form: an invalid project_name shows the engine's
 * message under the field and a valid one clears it (light and dark theme), Enter submits → the Preview
 * lists every file with nothing written (README.md, which the workspace already has, as a conflict);
 * clicking it opens the diff editor.
 */
async function generatePreview(ctx) {
  const { page } = ctx;
  const before = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
  await page.locator('.part.editor').click({ position: { x: 200, y: 200 } }); // focus the workbench, not a view
  await runPaletteCommand(page, GENERATE_TITLE);
  await pick(page, WORKSPACE_PACK);
  // The form is a webview: its page is an iframe inside the workbench's webview iframe.
  const formFrame = () => webviewFrame(page, '#variables-form', 'the variables form');
  let form = await formFrame();
  const field = () => form.locator('#field-project_name input');
  const formTab = page.locator('.tab', { hasText: 'Generate from my-pack' });
  // Escape cancels: the form closes and nothing runs; the command opens it again.
  await shows(field(), 'the project_name field');
  await field().press('Escape');
  await formTab.waitFor({ state: 'detached' });
  await runPaletteCommand(page, GENERATE_TITLE);
  await pick(page, WORKSPACE_PACK);
  await shows(formTab.first(), 'the form again');
  form = await formFrame();
  const message = () => form.locator('[data-message="project_name"]');
  await shows(field(), 'the project_name field');
  await shows(form.locator('vscode-label', { hasText: 'docs_port' }), 'the docs_port field');
  await shows(form.locator('vscode-checkbox#field-include_badges'), 'the include_badges checkbox');
  await shows(form.locator('vscode-single-select#field-license'), 'the license select');
  if ((await field().inputValue()) !== 'demo') throw new Error('project_name does not start at its default "demo"');
  await field().fill('Bad Name');
  await shows(
    message().filter({ hasText: 'project_name must match /^[a-z][a-z0-9-]*$/; got "Bad Name"' }),
    "the engine's message under the field",
  );
  await page.mouse.move(900, 700);
  await ctx.shot('variables-form-invalid');
  await ctx.shotEditor('walkthrough-variables');
  await field().fill('demo');
  await form.locator('[data-message="project_name"]:empty').waitFor({ state: 'attached' });
  await ctx.shot('variables-form');
  // The same form in the dark theme (the webview follows the workbench's theme variables), then back.
  const theme = async (name, cls) => {
    await colorTheme(ctx, name);
    form = await formFrame();
    await form.locator(`body.${cls === 'vs-dark' ? 'vscode-dark' : 'vscode-light'}`).waitFor({ state: 'attached' });
  };
  await theme('Dark Modern', 'vs-dark');
  await field().fill('Bad Name'); // the invalid state shows the error colours too
  await shows(message().filter({ hasText: 'must match' }), 'the message in the dark theme');
  await page.mouse.move(900, 700);
  await ctx.shot('variables-form-dark');
  // Submitting with an error is refused: the message stays and the focus goes to the bad field.
  await form.locator('#submit').click();
  await shows(form.locator('#status', { hasText: '1 field to fix' }), 'the refusal');
  if ((await form.evaluate(() => document.activeElement && document.activeElement.id)) !== 'field-project_name')
    throw new Error('the refused submit did not focus project_name');
  await theme('Light Modern', 'vs');
  // Fix it and submit with Enter from the field.
  await field().fill('demo');
  await form.locator('[data-message="project_name"]:empty').waitFor({ state: 'attached' });
  await field().press('Enter');
  const view = previewView(page);
  await shows(view.locator('.monaco-list-row', { hasText: 'README.md' }).first(), 'README.md in the Preview', 60000);
  await shows(view.locator('.monaco-list-row', { hasText: 'conflict' }).first(), 'the conflict marker in the Preview');
  if (fs.readFileSync(path.join(folder, 'README.md'), 'utf8') !== before || fs.existsSync(path.join(folder, 'packs.lock')))
    throw new Error('the preview wrote something');
  await view.locator('.monaco-list-row', { hasText: 'README.md' }).first().click();
  await shows(page.locator('.editor-instance .monaco-diff-editor').first(), 'the diff editor');
  await shows(page.locator('.tab', { hasText: 'README.md (current' }).first(), 'the diff tab');
  // Both sides rendered: the user's text on the left, the pack's on the right.
  await shows(
    page.locator('.monaco-diff-editor .editor.original .view-line', { hasText: 'Notes kept by hand' }).first(),
    'the current text',
  );
  await shows(
    page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'Generated from my-pack' }).first(),
    'the proposed text',
  );
  await page.mouse.move(900, 700);
  await ctx.shot('preview-diff');
}

/** Right-click the conflict → "Take the Pack's Version", then Apply: the files, packs.lock and baselines are written. */
async function applyPreview(ctx) {
  const { page } = ctx;
  const row = previewView(page).locator('.monaco-list-row', { hasText: 'README.md' }).first();
  await row.click({ button: 'right' });
  await page.locator('.monaco-menu .action-label', { hasText: "Take the Pack's Version" }).first().click();
  await shows(previewView(page).locator('.monaco-list-row', { hasText: "take the pack's" }).first(), 'the choice in the Preview');
  await runPaletteCommand(page, 'Packs: Apply Preview');
  const lock = path.join(folder, 'packs.lock');
  await waitFor(() => fs.existsSync(lock), 'packs.lock on disk');
  await waitFor(
    () => /Generated from my-pack/.test(fs.readFileSync(path.join(folder, 'README.md'), 'utf8')),
    "README.md as the pack's version",
  );
  if (!fs.existsSync(path.join(folder, '.gitignore'))) throw new Error('.gitignore not written');
  await ctx.shot('applied');
}

/** One Undo (Ctrl+Z in an affected file, "Undo in N Files") takes the workspace back: new files, packs.lock and baselines gone, README.md as it was. */
async function undoApply(ctx) {
  const { page } = ctx;
  await page.keyboard.press('Control+P');
  await pick(page, '.gitignore');
  await shows(page.locator('.tab.active', { hasText: '.gitignore' }).first(), '.gitignore in an editor');
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Z');
  // VS Code asks before undoing across files when the edit spans several; answer "Undo in N Files" if it does.
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Undo in \d+ Files$/ }).first();
  const asked = button
    .waitFor({ state: 'visible', timeout: 30000 })
    .then(async () => {
      await ctx.shot('undo-question');
      await button.click();
    })
    .catch(() => undefined); // no question: the undo ran at once
  await Promise.race([asked, waitFor(() => !fs.existsSync(path.join(folder, 'packs.lock')), 'packs.lock to be gone')]);
  // README.md was changed as text: the undo put its old text back in the editor; saving writes it.
  await runPaletteCommand(page, 'File: Save All Files');
  // The undo runs asynchronously in the workbench: wait for its end state (a hang guard, not a timing check).
  const restored = '# Sample workspace\n\nNotes kept by hand.\n';
  const leftovers = () => [
    ...['packs.lock', '.gitignore', '.packs/baselines.jsonl'].filter((f) => fs.existsSync(path.join(folder, f))),
    ...(fs.readFileSync(path.join(folder, 'README.md'), 'utf8') === restored ? [] : ['README.md (not restored)']),
  ];
  await waitFor(() => leftovers().length === 0, 'the workspace to be as before the apply', 30000, leftovers);
  await ctx.shot('undone');
}

// The panels' steps live next to this file, one file per panel (test/extension/ui/*-steps.cjs).
const panelSteps = (name) => require(`./ui/${name}-steps.cjs`).steps;
const ALL_STEPS = [
  workbench,
  explorer,
  generatePreview,
  applyPreview,
  undoApply,
  ...panelSteps('search'),
  ...panelSteps('score'),
  ...panelSteps('walkthrough'),
];
// --only a,b (while developing a step): the workbench step, then just those.
const only = arg('only', '').split(',').filter(Boolean);
const STEPS = only.length ? ALL_STEPS.filter((s) => s === workbench || only.includes(s.name)) : ALL_STEPS;

// ---- runner -------------------------------------------------------------------------------------------

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const watchdog = setTimeout(() => {
    console.error(`ui tests: hang guard hit after ${overallS}s`);
    process.exit(124);
  }, overallS * 1000);
  const t0 = Date.now();
  const { browser, page } = await openPage();
  page.setDefaultTimeout(30000);
  page.on('pageerror', (e) => console.log('  [pageerror]', e.message.split('\n')[0]));
  page.on('console', (m) => m.type() === 'error' && console.log('  [console]', m.text().split('\n')[0]));
  const ctx = {
    page,
    folder,
    shots,
    shot: (name) => page.screenshot({ path: path.join(shots, `${name}.png`) }),
    /** Only the editor area (the walkthrough's pictures: media/walkthrough/). */
    shotEditor: (name) => page.locator('.part.editor').screenshot({ path: path.join(shots, `${name}.png`) }),
  };
  let passed = 0;
  let failed = 0;
  let broken = null;
  for (const step of STEPS) {
    const name = step.name;
    if (broken) {
      failed++;
      console.log(`  FAIL - ${name}: not run (${broken} failed)`);
      continue;
    }
    const ts = Date.now();
    try {
      await step(ctx);
      passed++;
      console.log(`  ok   - ${name} (${Date.now() - ts} ms)`);
    } catch (e) {
      failed++;
      broken = name;
      console.log(`  FAIL - ${name} (${Date.now() - ts} ms): ${String((e && e.message) || e).split('\n')[0]}`);
      await page.screenshot({ path: path.join(shots, `failure-${name}.png`) }).catch(() => {});
    }
  }
  clearTimeout(watchdog);
  await browser.close();
  console.log(`  ui total ${((Date.now() - t0) / 1000).toFixed(1)}s (incl. chromium start)`);
  console.log(`ui tests: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  console.log('ui tests: 0 passed, 1 failed');
  process.exit(3);
});
