// UI steps of the quality-score panel, in the style of test/extension/ui.test.cjs (which runs them in its
// STEPS, on the same page, after the workbench is up): open the panel of a pack with lint issues through
// the palette, see its total, level and chart, follow an issue link to its line in pack.toml, see a save
// refresh it, take the picture in the light (the run's default, Light Modern) and the dark theme, and
// reload the window to find the panel restored. broken-pack/pack.toml is left as it was.
//
// No catalog pack has a lint issue (`ggen-pack validate` over examples/packs/* reports none), so the pack is
// the workspace's broken-pack (test/extension/workspace/broken-pack): its `never_used` variable is the
// packs/unused-variable warning at pack.toml:22:8.
//
// Every wait is on a selector (or a frame to appear), never a fixed sleep.
// Alone against a running code-server: node test/extension/ui.test.cjs --url URL --folder DIR --only scorePanel,scoreIssueLink,…
'use strict';

const PACK = 'broken-pack';
const ISSUE = { code: 'packs/unused-variable', line: 22, column: 8 };

const { colorTheme, runPaletteCommand, pick, shows, webviewFrame } = require('./common.cjs');
const panelFrame = (page, selector, what, timeout = 30000) => webviewFrame(page, selector, what, timeout);

/** "Packs: Show Quality Score" → broken-pack: the total, the level and the eight bars of the chart show. */
async function scorePanel(ctx) {
  const { page } = ctx;
  await runPaletteCommand(page, 'View: Close All Editors'); // no active pack.toml: the command asks for the pack
  await runPaletteCommand(page, 'Packs: Show Quality Score');
  await pick(page, PACK);
  await shows(page.locator('.tab', { hasText: `Score: ${PACK}` }).first(), 'the score panel tab');
  const frame = await panelFrame(page, '#total', 'the score total');
  ctx.scoreFrame = frame;
  const total = (await frame.locator('#total').textContent()).trim();
  if (!/^\d{1,3}$/.test(total)) throw new Error(`the total reads "${total}"`);
  const level = (await frame.locator('#level').textContent()).trim();
  if (!/^(Experimental|Beta|Production|Enterprise)$/.test(level)) throw new Error(`the level reads "${level}"`);
  await shows(frame.locator('#chart'), 'the chart');
  const bars = await frame.locator('#chart rect.bar').count();
  if (bars !== 8) throw new Error(`the chart has ${bars} bars, not 8`);
  const label = await frame.locator('#chart').getAttribute('aria-label');
  if (!/^Score per dimension: Metadata \d+,/.test(label ?? '')) throw new Error(`the chart's text alternative reads "${label}"`);
  await shows(frame.locator('#gate'), 'the publish gate line');
  await shows(frame.locator(`a.issue[data-code="${ISSUE.code}"]`), `the ${ISSUE.code} issue link`);
  await page.mouse.move(1270, 790);
  await ctx.shot('score-panel');
  await ctx.shotEditor('walkthrough-score');
}

/** Clicking the unused-variable issue opens broken-pack/pack.toml with the cursor at 22:8. */
async function scoreIssueLink(ctx) {
  const { page } = ctx;
  const frame = ctx.scoreFrame ?? (await panelFrame(page, '#total', 'the score total'));
  await frame.locator(`a.issue[data-code="${ISSUE.code}"]`).click();
  await shows(page.locator('.tab.active', { hasText: 'pack.toml' }).first(), 'pack.toml in an editor');
  await shows(
    page.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: PACK }).first(),
    `the ${PACK} folder in the breadcrumbs`,
  );
  const position = page.locator('.statusbar-item[id="status.editor.selection"]');
  await shows(position.filter({ hasText: `Ln ${ISSUE.line}, Col ${ISSUE.column}` }), `the cursor at ${ISSUE.line}:${ISSUE.column}`);
  await shows(page.locator('.editor-instance .view-line', { hasText: 'name = "never_used"' }).first(), 'the never_used line');
}

/** Saving pack.toml refreshes the panel: a title added raises the total and clears packs/missing-title; removed again, it is back. */
async function scoreRefreshOnSave(ctx) {
  const { page } = ctx;
  const frame = ctx.scoreFrame ?? (await panelFrame(page, '#total', 'the score total'));
  const total = async () => (await frame.locator('#total').textContent()).trim();
  const before = await total();
  const titleIssue = frame.locator('a.issue[data-code="packs/missing-title"]');
  await shows(titleIssue, 'the missing-title issue');
  // The editor from the previous step has focus: a line after [metadata], inserted as text (no completion, no auto-closing).
  await page.locator('.editor-instance .view-line', { hasText: 'name = "never_used"' }).first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('title = "Broken Pack"');
  await page.keyboard.press('Control+S');
  await titleIssue.waitFor({ state: 'detached' }).catch(() => {
    throw new Error('packs/missing-title is still listed after the save');
  });
  const after = await total();
  if (!(Number(after) > Number(before))) throw new Error(`the total went from ${before} to ${after} after adding a title`);
  await page.keyboard.press('Control+Shift+K'); // delete the added line
  await page.keyboard.press('Control+S');
  await shows(titleIssue, 'the missing-title issue again after removing the title');
  if ((await total()) !== before) throw new Error(`the total did not come back to ${before}`);
  // Close pack.toml (saved: no question), so the panel has the editor area to itself again.
  await runPaletteCommand(page, 'View: Close Editor');
  await page.locator('.tab', { hasText: 'pack.toml' }).first().waitFor({ state: 'detached' });
}

/** The same panel in Dark Modern (then back to the light default for the steps after these). */
async function scorePanelDark(ctx) {
  const { page } = ctx;
  await colorTheme(ctx, 'Dark Modern');
  const frame = await panelFrame(page, 'body.vscode-dark #total', 'the score panel in the dark theme');
  await shows(frame.locator('#chart'), 'the chart in the dark theme');
  await page.mouse.move(1270, 790);
  await ctx.shot('score-panel-dark');
  await colorTheme(ctx, 'Light Modern');
  await panelFrame(page, 'body.vscode-light #total', 'the score panel back in the light theme');
}

/** Reloading the window restores the panel (its serializer, from the webview's state) with the same pack. */
async function scorePanelReload(ctx) {
  const { page } = ctx;
  await page.reload();
  await shows(page.locator('.monaco-workbench'), 'the workbench after the reload', 60000);
  await shows(page.locator('.tab', { hasText: `Score: ${PACK}` }).first(), 'the score panel tab after the reload', 60000);
  await page
    .locator('.tab', { hasText: `Score: ${PACK}` })
    .first()
    .click();
  const frame = await panelFrame(page, '#total', 'the restored score panel', 60000);
  const name = (await frame.locator('#pack-name').textContent()).trim();
  if (name !== PACK) throw new Error(`the restored panel shows "${name}"`);
  ctx.scoreFrame = frame;
}

module.exports = { steps: [scorePanel, scoreIssueLink, scoreRefreshOnSave, scorePanelDark, scorePanelReload] };
