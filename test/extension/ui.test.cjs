// UI test of the INSTALLED .vsix in the real VS Code workbench (code-server), driven by headless chromium
// through playwright-core. scripts/vscode/run.sh packages the extension, installs it into a fresh
// code-server (started without the smoke-test driver, which would hide notification toasts) and runs:
//
//   node test/extension/ui.test.cjs --url http://127.0.0.1:PORT --folder /abs/workspace --shots /abs/test-artifacts
//
// Every step is one async function in STEPS, run in order on the same page; each counts as passed or
// failed. A failing step saves failure-<step>.png and the steps after it count as failed (not run), since
// each builds on the state the previous one left. Steps wait on selectors and events, never on fixed sleeps.
// To extend: write `async function myStep(ctx) {...}` and add it to STEPS; ctx.shot('name') saves name.png.
// The last line printed is `ui tests: N passed, M failed`; exit 0 when nothing failed.
'use strict';
const { openPage } = require('../../scripts/vscode/browser.cjs');
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

/** Waits for a locator to be visible; the error names what did not appear. */
async function shows(locator, what, timeout = 30000) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`${what} did not show within ${timeout / 1000}s`);
  }
}

/** Runs a command from the F1 palette by its full title ("Category: Title"). */
async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await shows(input, 'the command palette');
  await input.fill('>' + title);
  await shows(page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first(), `palette entry "${title}"`);
  await page.keyboard.press('Enter');
}

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
  await page.locator('.workbench-hover-container, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
  await ctx.shot('explorer');
}

/** Picks the quick-pick row whose label is `label` (typing it first narrows the list). */
async function pick(page, label) {
  const input = page.locator('.quick-input-widget input');
  await shows(input, `the pick for "${label}"`);
  await input.fill(label);
  await shows(page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first(), `pick row "${label}"`);
  await page.keyboard.press('Enter');
}

const previewView = (page) => page.locator('.part.sidebar .pane', { has: page.locator('h3.title', { hasText: /^Preview$/i }) });

/**
 * "Packs: Generate from Pack…" → my-pack → defaults → the Preview lists every file with nothing written
 * (README.md, which the workspace already has, as a conflict); clicking it opens the diff editor.
 */
async function generatePreview(ctx) {
  const { page } = ctx;
  const before = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
  await page.locator('.part.editor').click({ position: { x: 200, y: 200 } }); // focus the workbench, not a view
  await runPaletteCommand(page, GENERATE_TITLE);
  await pick(page, WORKSPACE_PACK);
  await pick(page, 'Use the defaults');
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

/** Polls the disk (the page cannot signal file writes); a hang guard, not a timing assertion. */
async function waitFor(check, what, timeout = 30000, explain = () => '') {
  const until = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeout / 1000}s ${JSON.stringify(explain())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const STEPS = [workbench, explorer, generatePreview, applyPreview, undoApply];

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
