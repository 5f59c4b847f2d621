// UI steps for the search panel (wired into test/extension/ui.test.cjs STEPS, run in order on one page):
// type a query with a typo and see ranked results, open the details and press Install, reload the window
// and find the panel as it was, and the same panel in the dark theme.
'use strict';
const { colorTheme, runPaletteCommand, shows, waitFor, webviewFrame } = require('./common.cjs');

const QUERY = 'mointoring'; // a typo of "monitoring": the fuzzy search still ranks monitoring-pack first
const PACK = 'monitoring-pack';

// The editor tab's page, not the side bar's Search view (both are the same webview).
const IN_EDITOR = 'body[data-surface="editor"]';
const searchFrame = (page) => webviewFrame(page, `${IN_EDITOR} #results li`, 'the search panel with results');

/** "Packs: Open Search Panel", a query with a typo: monitoring-pack is the first of the ranked results. */
async function searchPanel(ctx) {
  const { page } = ctx;
  await runPaletteCommand(page, 'Packs: Open Search Panel');
  await shows(page.locator('.tab', { hasText: 'Pack Search' }).first(), 'the Pack Search tab');
  const f = await searchFrame(page);
  await f.locator('#query').click();
  await page.keyboard.type(QUERY);
  await waitFor(
    async () =>
      (await f.locator('#results li .name').first().textContent()) === PACK && /packs? ·/.test(await f.locator('#status').textContent()),
    `${PACK} ranked first for "${QUERY}"`,
    30000,
  );
  const names = await f.locator('#results li .name').allTextContents();
  if (names.length > 4) throw new Error(`"${QUERY}" should narrow the list, got ${names.join(', ')}`);
  await page.mouse.move(1200, 780);
  await ctx.shot('search-panel-results');
}

/** Enter opens the first result's details (README rendered, variables listed); Install installs it. */
async function searchInstall(ctx) {
  const { page } = ctx;
  const f = await searchFrame(page);
  await f.locator('#query').click();
  await page.keyboard.press('Enter');
  await shows(f.locator('#details-title'), 'the details pane');
  await shows(f.locator('#details .readme h1, #details .readme h2').first(), 'the rendered README');
  await shows(f.locator('#details .detail-section', { hasText: 'Variables' }).locator('code').first(), 'the variables list');
  await ctx.shot('search-panel');
  await ctx.shotEditor('walkthrough-search');
  await f.locator('vscode-button[data-command="install"]').click();
  // The store changes, the panel searches again and marks the pack installed; the Installed view lists it.
  await shows(f.locator(`#results li[data-name="${PACK}"] .installed`), `the installed marker on ${PACK}`, 60000);
  await shows(f.locator('vscode-button[data-command="install"]', { hasText: 'Reinstall' }), 'the Reinstall button');
  const installed = page.locator('.part.sidebar .pane', { has: page.locator('h3.title', { hasText: /^Installed$/i }) });
  await shows(installed.locator('.monaco-list-row', { hasText: PACK }).first(), `${PACK} in the Installed view`, 60000);
  await page.mouse.move(1200, 780);
  await ctx.shot('search-installed');
}

/** "Developer: Reload Window": the panel comes back with its query, selection and details. */
async function searchReload(ctx) {
  const { page } = ctx;
  await runPaletteCommand(page, 'Developer: Reload Window');
  await shows(page.locator('.monaco-workbench'), 'the reloaded workbench', 60000);
  await shows(page.locator('.tab', { hasText: 'Pack Search' }).first(), 'the restored Pack Search tab', 60000);
  const f = await webviewFrame(page, `${IN_EDITOR} #details-title`, 'the restored details pane');
  const query = await f.locator('#query').evaluate((el) => el.value);
  if (query !== QUERY) throw new Error(`the query after the reload is "${query}", not "${QUERY}"`);
  const selected = await f.locator('#results li[aria-selected="true"]').getAttribute('data-name');
  if (selected !== PACK) throw new Error(`the selection after the reload is ${selected}, not ${PACK}`);
  await page.mouse.move(1200, 780);
  await ctx.shot('search-after-reload');
}

/** The same panel in the dark theme (and back to light for the steps after it). */
async function searchDark(ctx) {
  const { page } = ctx;
  await colorTheme(ctx, 'Dark Modern');
  const f = await webviewFrame(page, `${IN_EDITOR} #details-title`, 'the search panel');
  await shows(f.locator('body.vscode-dark'), 'the panel in the dark theme');
  await page.mouse.move(1200, 780);
  await ctx.shot('search-panel-dark');
  await colorTheme(ctx, 'Light Modern');
}

module.exports = { steps: [searchPanel, searchInstall, searchReload, searchDark] };
