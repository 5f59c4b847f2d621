// Helpers the UI steps share (test/extension/ui.test.cjs and test/extension/ui/*-steps.cjs): waiting for
// a locator, running a palette command, finding a webview's content frame, switching the colour theme.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Waits for a locator to be visible; the error names what did not appear. */
async function shows(locator, what, timeout = 30000) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`${what} did not show within ${timeout / 1000}s`);
  }
}

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Runs a command from the F1 palette by its full title ("Category: Title"), clicking its own row: the
 * first row is not always it ("Preferences: Color Theme" also finds "Browse Color Themes in Marketplace").
 */
async function runPaletteCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await shows(input, 'the command palette');
  await input.fill('>' + title);
  const row = page
    .locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(title) }) })
    .first();
  await shows(row, `palette entry "${title}"`);
  await row.click();
}

/** Picks the quick-pick row whose label is `label` (typing it first narrows the list). */
async function pick(page, label) {
  const input = page.locator('.quick-input-widget input');
  await shows(input, `the pick for "${label}"`);
  await input.fill(label);
  await shows(page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first(), `pick row "${label}"`);
  await page.keyboard.press('Enter');
}

/**
 * The content frame of a webview: VS Code nests each webview's page in two iframes, so this looks
 * through every frame for one holding `selector` (optionally: whose body is `data-panel="<panel>"`).
 * A hang guard, polling; not a timing assertion.
 */
async function webviewFrame(page, selector, what, timeout = 60000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    for (const f of page.frames()) {
      if (
        await f
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return f;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not show within ${timeout / 1000}s`);
}

/**
 * The user settings.json of the server the page runs on: ctx.settingsFile, else the run dir's layout
 * (scripts/vscode/run.sh: <run>/ws-ui + <run>/ui/user-data; the dev loop: <run>/ws + <run>/user-data).
 */
function settingsFile(ctx) {
  const up = path.dirname(ctx.folder ?? '.');
  return [
    ctx.settingsFile,
    path.join(up, 'ui', 'user-data', 'User', 'settings.json'),
    path.join(up, 'user-data', 'User', 'settings.json'),
  ].find((f) => f && fs.existsSync(f));
}

/**
 * "Preferences: Color Theme" → `theme` as the picker lists it ("Dark Modern", "Light Modern"), clicking its
 * own row (Enter could take "Browse Additional Color Themes…", the marketplace, offline here). Waits for the
 * workbench to switch and — when the run's settings.json is found — for the choice to be written there:
 * VS Code writes it asynchronously, and a reload before that would bring the old theme back.
 */
async function colorTheme(ctx, theme) {
  const { page } = ctx;
  await runPaletteCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await shows(page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' }).first(), 'the theme list');
  await input.fill(theme);
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(theme) }) });
  await shows(row.first(), `the theme "${theme}" in the pick`);
  await row.first().click();
  const cls = { 'Dark Modern': 'vs-dark', 'Light Modern': 'vs', 'Dark High Contrast': 'hc-black', 'Light High Contrast': 'hc-light' }[
    theme
  ];
  await shows(page.locator(`.monaco-workbench.${cls}`), `the ${theme} theme`);
  // The class changes before the colours do: wait until the editor area is painted dark (or light).
  const dark = /Dark/.test(theme);
  const painted = async () =>
    page.locator('.part.editor').evaluate((el, wantDark) => {
      const m = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(el).backgroundColor);
      if (!m) return false;
      const luminance = (0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3])) / 255;
      return wantDark ? luminance < 0.4 : luminance > 0.6;
    }, dark);
  await waitFor(painted, `the workbench painted in ${theme}`);
  const file = settingsFile(ctx);
  if (!file) return;
  const saved = () => {
    try {
      // The id is the label in current VS Code ("Dark Modern"), "Default Dark Modern" in older ones.
      return [theme, `Default ${theme}`].includes(JSON.parse(fs.readFileSync(file, 'utf8'))['workbench.colorTheme']);
    } catch {
      return false; // mid-write
    }
  };
  await waitFor(saved, `the ${theme} theme saved to ${file}`);
}

/** Polls a condition (the page cannot signal file writes); a hang guard, not a timing assertion. */
async function waitFor(check, what, timeout = 30000, explain = () => '') {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeout / 1000}s ${JSON.stringify(explain())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

module.exports = { shows, runPaletteCommand, pick, webviewFrame, colorTheme, waitFor };
