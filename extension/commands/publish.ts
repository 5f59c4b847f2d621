/**
 * `packs.publish`: the publish pre-checks (every one, with its reason, in the output channel), then —
 * from the palette, after a modal naming the pack, the registry and the tag — the real upload to the
 * npm-compatible registry (the engine's publishPack: npm's own client libraries). The token comes from
 * VS Code's secret storage when the user entered one there (asked for when the registry refuses the
 * upload), else from `.npmrc` / `NPM_CONFIG_*`. As an API: `{ pack, dryRun?, registry?, tag?, token?, force? }`;
 * `dryRun` defaults to true, so only `dryRun: false` uploads.
 */
import * as vscode from 'vscode';
import {
  engineConfig,
  loadManifest,
  PermissionError,
  publishPack,
  registrySetup,
  type PublishCheck,
  type PublishOutcome,
} from '../engine-port';
import { refreshExplorer } from '../explorer/tree-provider';
import { log, output } from '../output';
import { askRegistryToken, registryToken } from '../registry-tokens';
import { apiArg, withProgress } from './common';
import { packDir } from './quality';

export interface PublishArgs {
  pack?: string;
  /** Default true: only the checks. */
  dryRun?: boolean;
  registry?: string;
  tag?: string;
  token?: string;
  force?: boolean;
}

export interface PublishReport {
  dir: string;
  checks: PublishCheck[];
  ready: boolean;
  published: boolean;
  registry: string | null;
  package: PublishOutcome['package'];
}

/** The registry a pack goes to, as the engine picks it: its scope's registry, else the default. */
function targetRegistry(home: string, name: string, override: string | undefined): string | null {
  const setup = registrySetup(home, override);
  const scope = name.startsWith('@') ? name.split('/')[0] : null;
  return setup.registries.find((r) => scope !== null && r.scope === scope)?.url ?? setup.defaultUrl;
}

const report = (o: PublishOutcome): PublishReport => ({
  dir: o.pack.dir,
  checks: o.checks,
  ready: o.ok,
  published: o.published,
  registry: o.registry,
  package: o.package,
});

export async function publish(arg?: unknown): Promise<PublishReport | undefined> {
  const api = apiArg<PublishArgs>(arg);
  const dir = await packDir(arg, 'publish');
  if (!dir) return undefined;
  const home = engineConfig().home;
  const run = (dryRun: boolean, token: string | undefined) =>
    withProgress(dryRun ? 'checking the pack for publishing' : 'publishing', () =>
      publishPack(home, { dir, registry: api?.registry, token, tag: api?.tag, force: api?.force, dryRun, log }),
    );
  const checked = await run(true, api?.token ?? (await storedToken(home, dir, api)));
  log(`publish ${checked.pack.name}@${checked.pack.version} (${checked.registry ?? 'no registry configured'}):`);
  for (const c of checked.checks) log(`  ${c.status.padEnd(5)} ${c.name}: ${c.reason}`);
  if (api) {
    if (api.dryRun !== false || !checked.ok) return report(checked);
    const done = await run(false, api.token ?? (await registryToken(checked.registry)));
    refreshExplorer();
    return report(done);
  }
  const failed = checked.checks.filter((c) => c.status === 'fail');
  if (!checked.ok) {
    const text = failed.length ? `${failed.length} publish check(s) failed: ${failed.map((c) => c.name).join(', ')}` : 'a check warns';
    void vscode.window
      .showWarningMessage(`Packs: ${checked.pack.name}@${checked.pack.version}: ${text}`, 'Show Output')
      .then((c) => c && output().show(true));
    return report(checked);
  }
  if (!checked.registry) {
    void vscode.window.showInformationMessage(
      'Packs: every publish check passed. Add a registry to $GGEN_HOME/config.toml [registries] to upload (see the README, "Registries and teams").',
    );
    return report(checked);
  }
  const go = await vscode.window.showInformationMessage(
    `Publish ${checked.pack.name}@${checked.pack.version} to ${checked.registry} (tag "${checked.tag}")?`,
    { modal: true, detail: `${checked.package?.files ?? 0} files, ${checked.package?.bytes ?? 0} bytes. Every check passed.` },
    'Publish',
  );
  if (go !== 'Publish') return report(checked);
  let token = await registryToken(checked.registry);
  for (;;) {
    try {
      const done = await run(false, token);
      void vscode.window.showInformationMessage(`Packs: published ${done.pack.name}@${done.pack.version} to ${done.registry}`);
      refreshExplorer();
      return report(done);
    } catch (err) {
      // The registry wants (another) token: ask once, keep it in the secret storage, try again.
      if (!(err instanceof PermissionError)) throw err;
      log(err.message);
      token = await askRegistryToken(checked.registry, `${checked.registry} refused the upload without a valid token.`);
      if (!token) return report(checked);
    }
  }
}

async function storedToken(home: string, dir: string, api: PublishArgs | undefined): Promise<string | undefined> {
  const name = loadManifest(dir).manifest?.metadata.name;
  return name ? registryToken(targetRegistry(home, name, api?.registry)) : undefined;
}
