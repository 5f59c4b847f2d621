// The headless Debian Chromium both drivers use (run-ext-tests.cjs, test/extension/ui.test.cjs):
// offline-friendly flags, and a page the size the screenshots are taken at.
'use strict';
const { chromium } = require('playwright-core');

/** Launch Chromium ($CHROMIUM or /usr/bin/chromium) and open one 1280×800 page. */
async function openPage() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  return { browser, page };
}

module.exports = { openPage };
