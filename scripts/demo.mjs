// `npm start`: until the VS Code extension lands, a tour of the CLI over the bundled starter
// catalog — the journeys of SPEC §9 — in a throwaway $GGEN_HOME, writing into ./demo-output/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'demo-output');
const home = mkdtempSync(join(tmpdir(), 'ggen-demo-home-'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const composition = join(out, 'composition.yaml');
writeFileSync(
  composition,
  'name: my-complete-app\npacks:\n  - name: startup-pack\n    version: "^1.2.0"\n    variables:\n      project_name: myapp\n  - name: devops-pack\n    version: "^2.0.0"\n  - name: monitoring-pack\n    version: "^1.0.0"\n',
);

const steps = [
  ['list'],
  ['search', 'startup microservice'],
  ['show', 'startup-pack'],
  ['install', 'startup-pack'],
  ['generate', 'startup-pack', '--output', join(out, 'my-startup'), '--var', 'project_name=myapp', '--var', 'api_port=8080'],
  ['plan', '--composition-file', composition],
  ['compose', '--composition-file', composition, '--output', join(out, 'my-app')],
  ['create', '--name', 'my-custom-pack', '--output', join(out, 'my-custom-pack')],
  ['validate', join(out, 'my-custom-pack')],
  ['score', join(out, 'my-custom-pack')],
  ['generate', join(out, 'my-custom-pack'), '--output', join(out, 'test-project')],
  ['publish', join(out, 'my-custom-pack'), '--dry-run'],
];

for (const args of steps) {
  console.log(`\n\x1b[1m$ ggen-pack ${args.join(' ').replaceAll(root + '/', '')}\x1b[0m`);
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, GGEN_HOME: home },
  });
  if (r.status !== 0) console.log(`(exit ${r.status})`);
}
rmSync(home, { recursive: true, force: true });
console.log(`\nGenerated projects are in ${out}/`);
