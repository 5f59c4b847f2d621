/**
 * A Verdaccio for a whole test run outside Node's test runner (scripts/vscode/run.sh starts one for the
 * extension's integration tests): starts it (test/support/verdaccio.ts), writes `{ url, token }` as JSON
 * to the file given, and stops it and removes its storage on SIGTERM / SIGINT.
 *   node --import tsx test/support/verdaccio-for-run.ts <info.json>
 */
import { writeFileSync } from 'node:fs';
import { startVerdaccio } from './verdaccio';

const out = process.argv[2];
if (!out) {
  console.error('usage: verdaccio-for-run.ts <info.json>');
  process.exit(2);
}
// No top-level await: tsx runs this file as CommonJS (the package is not "type": "module").
void startVerdaccio().then((v) => {
  writeFileSync(out, JSON.stringify({ url: v.url, token: v.token }) + '\n');
  const stop = () => void v.dispose().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Keep running until told to stop.
  setInterval(() => undefined, 1 << 30);
});
