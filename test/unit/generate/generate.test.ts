import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { applyPlan, planGeneration } from '../../../engine/generate';
import { BASELINE_STORE, openBaselines, parseBaselines } from '../../../engine/apply/baseline-store';
import { sha256 } from '../../../engine/apply/lockfile';
import { header, loadPack, localTemplate, makePack, tempDir, variable, writeTree } from './fixture';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const r = rel ? `${rel}/${n}` : n;
      if (statSync(join(d, n)).isDirectory()) walk(join(d, n), r);
      else out[r] = readFileSync(join(d, n)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

function demoPack() {
  return makePack(
    localTemplate('app', 'tpl') + variable('name', 'required = true') + variable('token', 'secret = true\ndefault = "s3cret"'),
    { 'tpl/{{name}}.txt.mustache': 'hello {{name}}\n', 'tpl/cfg.ini.mustache': '---\nskip_if_exists: true\n---\nx=1\n' },
  );
}
/** packs.lock as written to disk: the fields these tests read. */
interface LockOnDisk {
  lock_version: number;
  packs: { name: string; version: string; source: string; integrity: string }[];
  variables: Record<string, unknown>;
  files: { path: string; pack: string; template: string; sha256: string }[];
}
const readLockFile = (text: string) => parseToml(text) as unknown as LockOnDisk;

const vars = (name: string) => [{ source: '--var', values: { name }, unknown: 'error' as const }];

test('packs.lock: lock_version 1, packs with integrity, variables without secrets, files with sha256; baselines stored', async () => {
  const out = join(tempDir(), 'out');
  const plan = await planGeneration({ packs: [demoPack()], layers: vars('app'), output: out });
  await applyPlan(plan, { output: out });
  const text = readFileSync(join(out, 'packs.lock'), 'utf8');
  assert.doesNotMatch(text, /s3cret|token/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T/, 'no timestamps');
  const lock = readLockFile(text);
  assert.equal(lock.lock_version, 1);
  assert.equal(lock.packs.length, 1);
  const [pack] = lock.packs;
  assert.ok(pack);
  assert.equal(pack.name, 'demo-pack');
  assert.equal(pack.version, '1.0.0');
  assert.match(pack.source, /^path:\.\.\//);
  assert.match(pack.integrity, /^sha512-[A-Za-z0-9+/]+=*$/);
  assert.deepEqual({ ...lock.variables }, { name: 'app' });
  assert.deepEqual(
    lock.files.map((f) => [f.path, f.pack, f.template]),
    [
      ['app.txt', 'demo-pack', 'app'],
      ['cfg.ini', 'demo-pack', 'app'],
    ],
  );
  const h = sha256(readFileSync(join(out, 'app.txt')));
  assert.equal(lock.files[0]?.sha256, h);
  assert.equal(openBaselines(out).get(h)?.toString('utf8'), 'hello app\n');
  const store = parseBaselines(readFileSync(join(out, BASELINE_STORE), 'utf8'));
  assert.deepEqual([...store.entries.keys()], [...new Set(lock.files.map((f) => f.sha256))].sort(), 'one baseline per locked content');
  assert.ok(!existsSync(join(out, '.packs/baseline')), 'no per-file baseline folder');
});

test('generating twice gives byte-identical trees; a second generation merges the lock', async () => {
  // Same pack, two sibling outputs: even the lock's relative `path:` source is the same.
  const base = tempDir();
  const src = demoPack();
  const pack = loadPack(
    writeTree(
      {
        'pack.toml': readFileSync(join(src.dir, 'pack.toml')),
        'tpl/{{name}}.txt.mustache': 'hello {{name}}\n',
        'tpl/cfg.ini.mustache': '---\nskip_if_exists: true\n---\nx=1\n',
      },
      join(base, 'pack'),
    ),
  );
  const a = join(base, 'a');
  const b = join(base, 'b');
  for (const out of [a, b]) await applyPlan(await planGeneration({ packs: [pack], layers: vars('app'), output: out }), { output: out });
  assert.deepEqual(snapshot(a), snapshot(b));
  assert.ok(snapshot(a)['packs.lock']);

  const same = await planGeneration({ packs: [demoPack()], layers: vars('app'), output: a });
  const before = snapshot(a);
  const again = await applyPlan(same, { output: a });
  assert.deepEqual(
    again.files.map((f) => [f.path, f.action]),
    [
      ['cfg.ini', 'skip'],
      ['app.txt', 'unchanged'],
    ],
  );
  assert.deepEqual(snapshot(a), { ...before, 'packs.lock': snapshot(a)['packs.lock'] });

  const other = makePack(localTemplate('more', 'tpl'), { 'tpl/other.txt': 'o' }, 'other-pack');
  await applyPlan(await planGeneration({ packs: [other], layers: [], output: a }), { output: a });
  const lock = readLockFile(readFileSync(join(a, 'packs.lock'), 'utf8'));
  assert.deepEqual(
    lock.packs.map((p) => p.name),
    ['demo-pack', 'other-pack'],
  );
  assert.deepEqual(
    lock.files.map((f) => f.path),
    ['app.txt', 'cfg.ini', 'other.txt'],
  );
  assert.deepEqual({ ...lock.variables }, { name: 'app' });
});

test('dependency closure renders in one namespace, dependencies first', async () => {
  const dep = makePack(localTemplate('base', 'tpl') + variable('name'), { 'tpl/dep.txt.mustache': 'dep {{name}}' }, 'dep-pack');
  const root = makePack(
    localTemplate('main', 'tpl') + variable('name', 'required = true'),
    { 'tpl/root.txt.mustache': 'root {{name}}' },
    'root-pack',
  );
  const plan = await planGeneration({ packs: [dep, root], layers: vars('x') });
  assert.deepEqual(
    plan.files.map((f) => [f.pack, f.path, f.content.toString()]),
    [
      ['dep-pack', 'dep.txt', 'dep x'],
      ['root-pack', 'root.txt', 'root x'],
    ],
  );
  const clash = makePack(`[[variables]]\nname = "name"\ntype = "integer"\n`, {}, 'clash-pack');
  await assert.rejects(
    planGeneration({ packs: [clash, root], layers: vars('x') }),
    /"name" is declared as integer in pack clash-pack but as string in pack root-pack/,
  );
});

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: --output required (exit 2); json data; dry run; conflicts exit 4; escapes exit 6; missing variables all listed', () => {
  const home = tempDir();
  const env = { GGEN_HOME: home };
  const dir = writeTree({
    'pack.toml':
      header('cli-pack') +
      localTemplate('t', 'tpl') +
      variable('name', 'required = true') +
      `[[variables]]\nname = "port"\ntype = "integer"\nrequired = true\n`,
    'tpl/{{name}}.txt.mustache': '{{name}}:{{port}}',
  });
  const out = join(tempDir(), 'out');
  assert.equal(cli(['generate', dir]).code, 2);

  const missing = cli(['generate', dir, '--output', out, '--var', 'port=abc', '--format', 'json'], env);
  assert.equal(missing.code, 2);
  const env1 = JSON.parse(missing.stdout);
  assert.deepEqual(env1.issues.map((i: { code: string }) => i.code).sort(), ['packs/invalid-variable', 'packs/missing-variable']);

  const dry = cli(['generate', dir, '--output', out, '--var', 'name=a', '--var', 'port=1', '--dry-run'], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /create\s+a\.txt \(3 B, t\)/);
  assert.equal(existsSync(out), false);

  const ok = cli(['generate', dir, '--output', out, '--var', 'name=a', '--var', 'port=1', '--format', 'json'], env);
  assert.equal(ok.code, 0, ok.stderr);
  const data = JSON.parse(ok.stdout).data;
  assert.equal(data.output, out);
  assert.deepEqual(data.files, [{ path: 'a.txt', pack: 'cli-pack', template: 't', bytes: 3, action: 'create' }]);
  assert.deepEqual(
    data.packs.map((p: { name: string }) => p.name),
    ['cli-pack'],
  );
  assert.ok(['resolve', 'query', 'render', 'write'].every((k) => typeof data.timings[k] === 'number'));

  const conflict = cli(['generate', dir, '--output', out, '--var', 'name=a', '--var', 'port=2'], env);
  assert.equal(conflict.code, 4);
  assert.match(conflict.stderr, /a\.txt/);
  assert.match(conflict.stderr, /--overwrite/);
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'a:1');

  const escape = writeTree({
    'pack.toml': header('esc-pack') + localTemplate('t', 'tpl'),
    'tpl/x.mustache': '---\nto: ../escaped.txt\n---\nx',
  });
  const esc = cli(['generate', escape, '--output', out], env);
  assert.equal(esc.code, 6, esc.stderr);
  assert.equal(existsSync(join(out, '..', 'escaped.txt')), false);

  const badVersion = writeTree({ 'pack.toml': header('bad-version', '1.0') + localTemplate('t', 'tpl'), 'tpl/x.txt': 'x' });
  const bad = cli(['generate', badVersion, '--output', join(tempDir(), 'never')], env);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /"1\.0" is not a semver version/);
  assert.match(bad.stderr, /ggen-pack validate/);
});

test('CLI: a pack name not installed is installed first; its dependencies render too; hooks are not run without --allow-hooks', () => {
  const catalog = writeTree({
    'base-pack/pack.toml': header('base-pack', '2.1.0') + localTemplate('base', 'tpl') + variable('name'),
    'base-pack/tpl/base.txt.mustache': 'base {{name}}',
    'top-pack/pack.toml':
      header('top-pack', '1.0.0') +
      localTemplate('top', 'tpl') +
      variable('name', 'required = true') +
      `[dependencies]\nbase-pack = "^2.0.0"\n\n[hooks]\npost_generation = [{ name = "fmt", type = "command", command = "touch", args = ["hooked"], timeout = 5 }]\n`,
    'top-pack/tpl/top.txt.mustache': 'top {{name}}',
  });
  const home = tempDir();
  const out = join(tempDir(), 'out');
  const r = cli(['generate', 'top-pack', '--output', out, '--var', 'name=z'], { GGEN_HOME: home, GGEN_BUNDLED_DIR: catalog });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /top-pack@1\.0\.0 is not installed; installing it/);
  assert.match(r.stderr, /pass --allow-hooks[\s\S]*hook top-pack:fmt: not trusted \(touch hooked\)/);
  assert.match(r.stdout, /base-pack@2\.1\.0: 1 written\ntop-pack@1\.0\.0: 1 written/);
  assert.equal(readFileSync(join(out, 'base.txt'), 'utf8'), 'base z');
  assert.equal(existsSync(join(out, 'hooked')), false);
  const alone = join(tempDir(), 'alone');
  const r2 = cli(['generate', 'top-pack', '--output', alone, '--var', 'name=z', '--no-dependencies'], {
    GGEN_HOME: home,
    GGEN_BUNDLED_DIR: catalog,
  });
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(
    readdirSync(alone).filter((f) => !f.startsWith('.') && f !== 'packs.lock'),
    ['top.txt'],
  );
});

test('an absolute or escaping to: is refused with a permission error and nothing is written', async () => {
  const { PermissionError } = await import('../../../engine/errors');
  for (const to of ['/etc/packs-test.txt', '../outside.txt', 'a/../../outside.txt']) {
    const out = join(tempDir(), 'out');
    const pack = makePack(localTemplate('t', 'tpl'), { 'tpl/ok.txt': 'ok', 'tpl/x.mustache': `---\nto: "${to}"\n---\nx` });
    const plan = await planGeneration({ packs: [pack], layers: [] });
    await assert.rejects(applyPlan(plan, { output: out }), (e: unknown) => e instanceof PermissionError, to);
    assert.equal(existsSync(out), false, to);
  }
});
