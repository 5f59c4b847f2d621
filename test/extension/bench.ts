/**
 * The extension's numbers, measured inside a real VS Code by `npm run bench` (scripts/vscode/run.sh
 * with this bundle as extensionTestsPath): activation time and whether it loaded the SPARQL engine,
 * and command → preview for a 100-file pack (median of several runs). Writes extension-bench.json
 * into PACKS_TEST_ARTIFACTS; numbers, not assertions (the line below only reports what ran).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PacksApi } from '../../extension/main';

const RUNS = 7;

/** A pack of 100 small templates (the same shape as test/bench's CLI benchmark pack). */
function hundredFilePack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pack-'));
  writeFileSync(
    join(dir, 'pack.toml'),
    '[metadata]\nname = "bench-100"\nversion = "1.0.0"\ndescription = "100 small files for the preview benchmark"\ncategory = "custom"\n\n[[templates]]\nalias = "files"\nsource = { type = "local", path = "tpl" }\n\n[[variables]]\nname = "name"\ntype = "string"\ndefault = "myapp"\n',
  );
  for (let i = 0; i < 100; i++) {
    const sub = join(dir, 'tpl', `dir${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${i}.ts.mustache`), `// {{name}} file ${i}\nexport const value${i} = '{{name}}-${i}';\n`.repeat(5));
  }
  return dir;
}

const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!;

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<PacksApi>('ggen.ggen-packs')!;
  const api = await ext.activate();
  const sparqlAfterActivation = Object.keys(require.cache).some((k) => k.endsWith('sparql.js'));
  await api.ready;
  const pack = hundredFilePack();
  const target = mkdtempSync(join(tmpdir(), 'bench-target-'));
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const shown = new Promise<void>((resolve) => {
      const sub = api.preview.onDidShow(() => {
        sub.dispose();
        resolve();
      });
    });
    const t0 = performance.now();
    const pending = vscode.commands.executeCommand('packs.generate', { pack, target, preview: true });
    await shown;
    if (i > 0) times.push(performance.now() - t0); // the first run loads the generation modules
    await vscode.commands.executeCommand('packs.preview.discard');
    await Promise.resolve(pending).catch(() => undefined); // a discarded preview rejects: nothing written
  }
  // Command → the webview's first paint (its first results / report drawn), per panel.
  const paint = async (panel: string, command: string, arg?: unknown): Promise<number> => {
    const painted = new Promise<number>((resolve) => {
      const sub = api.panels.onDidPaint((e) => {
        if (e.panel !== panel) return;
        sub.dispose();
        resolve(performance.now());
      });
    });
    const t0 = performance.now();
    await vscode.commands.executeCommand(command, arg);
    const ms = (await painted) - t0;
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return ms;
  };
  const paintRuns = async (panel: string, command: string, arg?: unknown) => {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await paint(panel, command, arg));
    return { firstMs: runs[0]!, medianMs: median(runs.slice(1)), runs };
  };
  const firstPaint = {
    search: await paintRuns('search', 'packs.openSearch'),
    score: await paintRuns('score', 'packs.openScore', { pack: 'startup-pack' }),
  };
  const result = {
    firstPaint,
    activationMs: api.activationMs,
    loadMs: api.loadMs,
    sparqlAfterActivation,
    previewMs: median(times),
    previewRuns: times,
  };
  const out = process.env.PACKS_TEST_ARTIFACTS ?? tmpdir();
  writeFileSync(join(out, 'extension-bench.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`extension bench: ${JSON.stringify(result)}`);
  console.log('extension tests: 1 passed, 0 failed');
}
