// UI steps for the editor side of the walkthrough: a diagnostic in pack.toml with its quick fix, and the
// "Get started with Packs" walkthrough itself, whose step buttons run the real commands.
'use strict';
const { pick, runPaletteCommand, shows } = require('./common.cjs');

/** broken-pack/pack.toml: its unused variable is underlined; hovering it shows the message, and the hover's Quick Fix its fixes. */
async function diagnosticQuickFix(ctx) {
  const { page } = ctx;
  // A webview with the focus keeps Ctrl+P to itself: close the editors first (the palette always opens).
  await runPaletteCommand(page, 'View: Close All Editors');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await shows(input, 'quick open');
  await input.fill('broken-pack/pack.toml');
  // Quick open shows the name with its folder beside it: "pack.toml  broken-pack".
  await shows(
    page.locator('.quick-input-widget .monaco-list-row', { hasText: 'broken-pack' }).first(),
    'broken-pack/pack.toml in quick open',
  );
  await page.keyboard.press('Enter');
  await shows(page.locator('.tab.active', { hasText: 'pack.toml' }).first(), 'broken-pack/pack.toml in an editor');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await shows(editor.locator('.squiggly-warning, .squiggly-error').first(), 'the diagnostic underline', 60000);
  // Hovering the underlined name shows the message; the hover's "Quick Fix…" lists the fixes.
  const line = editor.locator('.view-line', { hasText: 'name = "never_used"' }).first();
  await shows(line, 'the never_used line');
  const name = line.locator('span', { hasText: 'never_used' }).last();
  await name.hover();
  await shows(page.locator('.monaco-hover', { hasText: 'never_used' }).first(), 'the hover naming the unused variable');
  await ctx.shot('diagnostic-hover');
  await page.locator('.monaco-hover .action', { hasText: 'Quick Fix' }).first().click();
  await shows(page.locator('.action-widget .monaco-list-row').first(), 'the quick-fix menu');
  await ctx.shot('diagnostic-quick-fix');
  await ctx.shotEditor('walkthrough-diagnostic');
  await page.keyboard.press('Escape');
}

/** "Welcome: Open Walkthrough…" → "Get started with Packs"; its first step's button opens the search panel. */
async function walkthrough(ctx) {
  const { page } = ctx;
  await runPaletteCommand(page, 'View: Close All Editors'); // the walkthrough opens in a clean editor area
  await runPaletteCommand(page, 'Welcome: Open Walkthrough...');
  await pick(page, 'Get started with Packs');
  const page_ = page.locator('.gettingStartedContainer');
  await shows(page_.locator('.getting-started-category h2', { hasText: 'Get started with Packs' }).first(), 'the Packs walkthrough', 60000);
  for (const step of [
    'Search for a pack',
    'Generate it into your workspace',
    'Open a pack.toml and fix a diagnostic',
    'See its quality score',
  ]) {
    await shows(page_.locator('.getting-started-step', { hasText: step }).first(), `the step "${step}"`);
  }
  // A wider page leaves room for the step's picture beside the steps (at 1280 px with the side bar, VS Code hides it).
  await page.setViewportSize({ width: 1680, height: 800 });
  await shows(page_.locator('.getting-started-media img').first(), "the step's picture");
  await page.mouse.move(1600, 780);
  await ctx.shot('walkthrough');
  await page.setViewportSize({ width: 1280, height: 800 });
  const button = page_.getByRole('button', { name: 'Open the Search Panel' });
  await shows(button, 'the step button');
  await button.click();
  await shows(page.locator('.tab', { hasText: 'Pack Search' }).first(), 'the search panel opened by the step button');
}

module.exports = { steps: [diagnosticQuickFix, walkthrough] };
